package http

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
	"lms/shared/ginproblem"
	"lms/shared/problem"
)

// The cookie that binds a sign-in's state to the browser that started it.
// SameSite=Lax: the provider's redirect back is a top-level navigation from
// another site, which Strict would strip the cookie from.
const (
	stateCookie     = "lms_oidc_state"
	stateCookiePath = "/api/v1/auth/oidc"
)

// providerUnavailable is iam's slug for a provider it could not reach, which
// the gateway answers as 502 like every other unreachable upstream.
const providerUnavailable = "oidc-provider-unavailable"

type providerJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	StartURL string `json:"start_url"`
}

type identityJSON struct {
	ID           string    `json:"id"`
	Provider     string    `json:"provider"`
	Issuer       string    `json:"issuer"`
	Subject      string    `json:"subject"`
	Email        string    `json:"email"`
	LinkedAt     time.Time `json:"linked_at"`
	LastSignInAt time.Time `json:"last_sign_in_at"`
}

func (a *api) failExternal(c *gin.Context, err error) {
	if e, ok := errs.As(err); ok && e.Slug == providerUnavailable {
		a.log.WarnContext(c.Request.Context(), "identity provider unavailable", "route", c.FullPath(), "error", err)
		d := problem.FromError(err)
		d.Status, d.Title = http.StatusBadGateway, http.StatusText(http.StatusBadGateway)
		ginproblem.Write(c, d)
		return
	}
	fail(c, a.log, err)
}

func (a *api) identityProviders(c *gin.Context) {
	ps, err := a.app.IdentityProviders(c.Request.Context())
	if err != nil {
		a.failExternal(c, err)
		return
	}
	out := make([]providerJSON, len(ps))
	for i, p := range ps {
		out[i] = providerJSON{ID: p.ID, Name: p.Name, StartURL: stateCookiePath + "/" + url.PathEscape(p.ID) + "/start"}
	}
	c.JSON(http.StatusOK, gin.H{"providers": out})
}

// startExternal sends the browser to the provider and leaves the state in
// an HttpOnly cookie the callback compares with the one the provider returns.
func (a *api) startExternal(c *gin.Context) {
	st, err := a.app.StartExternalSignIn(c.Request.Context(), c.Param("provider"), c.Query("return_to"))
	if err != nil {
		a.failExternal(c, err)
		return
	}
	a.setStateCookie(c, st.State, int(time.Until(st.ExpiresAt).Seconds()))
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusFound, st.AuthURL)
}

// externalCallback is where the provider sends the browser back. The answer
// carries a one-time code, never a token: a redirect to return_to with
// ?code=, or the code as JSON when the sign-in named no return_to.
func (a *api) externalCallback(c *gin.Context) {
	browserState, _ := c.Cookie(stateCookie)
	a.setStateCookie(c, "", -1)
	c.Header("Cache-Control", "no-store")
	done, err := a.app.FinishExternalSignIn(c.Request.Context(), session.ExternalCallback{
		Provider: c.Param("provider"), State: c.Query("state"), Code: c.Query("code"), Error: c.Query("error"),
	}, browserState)
	if err != nil {
		a.failExternal(c, err)
		return
	}
	if done.ReturnTo != "" {
		to, err := url.Parse(done.ReturnTo)
		if err != nil {
			fail(c, a.log, errs.Internalf("return_to %q: %w", done.ReturnTo, err))
			return
		}
		q := to.Query()
		q.Set("code", done.Code)
		to.RawQuery = q.Encode()
		c.Redirect(http.StatusFound, to.String())
		return
	}
	c.JSON(http.StatusOK, gin.H{"code": done.Code, "expires_at": done.ExpiresAt})
}

// exchangeSignInCode answers like a password sign-in.
func (a *api) exchangeSignInCode(c *gin.Context) {
	var body struct {
		Code string `json:"code"`
	}
	if !a.decode(c, &body) {
		return
	}
	s, err := a.app.ExchangeSignInCode(c.Request.Context(), body.Code)
	if err != nil {
		a.failExternal(c, err)
		return
	}
	a.answerSession(c, s)
}

func (a *api) myIdentities(c *gin.Context) {
	ids, err := a.app.Identities(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, a.log, err)
		return
	}
	out := make([]identityJSON, len(ids))
	for i, id := range ids {
		out[i] = identityJSON{
			ID: id.ID, Provider: id.Provider, Issuer: id.Issuer, Subject: id.Subject, Email: id.Email,
			LinkedAt: id.LinkedAt, LastSignInAt: id.LastSignInAt,
		}
	}
	c.JSON(http.StatusOK, gin.H{"identities": out})
}

func (a *api) unlinkIdentity(c *gin.Context) {
	if err := a.app.UnlinkIdentity(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, a.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *api) setStateCookie(c *gin.Context, value string, maxAge int) {
	// Secure follows the refresh cookie's setting (off only on the local
	// stack's plain HTTP).
	http.SetCookie(c.Writer, &http.Cookie{ //nolint:gosec // see above
		Name: stateCookie, Value: value, Path: stateCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: a.opts.RefreshCookie.Secure, SameSite: http.SameSiteLaxMode,
	})
}
