package http

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lms/gateway/internal/domain/session"
)

// refreshCookie is the name of the optional refresh-token cookie; its path
// keeps browsers from sending it anywhere but the auth routes.
const (
	refreshCookie     = "lms_refresh"
	refreshCookiePath = "/api/v1/auth"
)

func (a *api) register(c *gin.Context) {
	var body struct {
		Email       string `json:"email"`
		DisplayName string `json:"display_name"`
		Password    string `json:"password"`
	}
	if !a.decode(c, &body) {
		return
	}
	err := a.app.Register(c.Request.Context(), session.Registration{Email: body.Email, DisplayName: body.DisplayName, Password: body.Password})
	if err != nil {
		fail(c, a.log, err)
		return
	}
	// The same answer whether or not the email was free: see iam's Register.
	c.JSON(http.StatusAccepted, gin.H{
		"status":  "accepted",
		"message": "if this email can be registered, the account is ready: sign in with POST /api/v1/auth/login",
	})
}

func (a *api) login(c *gin.Context) {
	var body struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if !a.decode(c, &body) {
		return
	}
	s, err := a.app.Login(c.Request.Context(), session.Credentials{Email: body.Email, Password: body.Password, ClientAddress: c.ClientIP()})
	if err != nil {
		fail(c, a.log, err)
		return
	}
	a.answerSession(c, s)
}

func (a *api) refresh(c *gin.Context) {
	token, ok := a.refreshToken(c)
	if !ok {
		return
	}
	s, err := a.app.Refresh(c.Request.Context(), token)
	if err != nil {
		fail(c, a.log, err)
		return
	}
	a.answerSession(c, s)
}

func (a *api) logout(c *gin.Context) {
	token, ok := a.refreshToken(c)
	if !ok {
		return
	}
	if err := a.app.Logout(c.Request.Context(), token); err != nil {
		fail(c, a.log, err)
		return
	}
	if a.opts.RefreshCookie.Enabled {
		a.setRefreshCookie(c, "", -1)
	}
	c.Status(http.StatusNoContent)
}

// refreshToken takes the refresh token from the JSON body or, when the body
// is empty and cookies are enabled, from the refresh cookie.
func (a *api) refreshToken(c *gin.Context) (string, bool) {
	var body struct {
		RefreshToken string `json:"refresh_token"`
	}
	if c.Request.ContentLength != 0 && !a.decode(c, &body) {
		return "", false
	}
	if body.RefreshToken == "" && a.opts.RefreshCookie.Enabled {
		if v, err := c.Cookie(refreshCookie); err == nil {
			body.RefreshToken = v
		}
	}
	return body.RefreshToken, true
}

func (a *api) answerSession(c *gin.Context, s session.Session) {
	now := time.Now()
	if a.opts.RefreshCookie.Enabled {
		a.setRefreshCookie(c, s.RefreshToken, int(s.RefreshExpiresAt.Sub(now).Seconds()))
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, toSessionJSON(s, now))
}

func (a *api) setRefreshCookie(c *gin.Context, value string, maxAge int) {
	// Secure is configurable only so the local stack works over plain HTTP.
	http.SetCookie(c.Writer, &http.Cookie{ //nolint:gosec // see above
		Name: refreshCookie, Value: value, Path: refreshCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: a.opts.RefreshCookie.Secure, SameSite: http.SameSiteStrictMode,
	})
}
