package http

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"lms/gateway/internal/app"
	"lms/gateway/internal/domain/session"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/ginauth"
)

// caller is the signed-in user of an authenticated route, with the token iam
// will verify again.
func caller(c *gin.Context) app.Caller {
	p, _ := ginauth.Principal(c)
	token, _ := auth.BearerToken(c.Request)
	return app.Caller{UserID: p.UserID, AccessToken: token}
}

func (a *api) me(c *gin.Context) {
	u, err := a.app.Me(c.Request.Context(), caller(c))
	a.answerUser(c, u, err)
}

func (a *api) getUser(c *gin.Context) {
	u, err := a.app.GetUser(c.Request.Context(), caller(c), c.Param("id"))
	a.answerUser(c, u, err)
}

func (a *api) listUsers(c *gin.Context) {
	q := session.UserQuery{PageToken: c.Query("page_token"), Role: c.Query("role"), EmailPrefix: c.Query("email_prefix")}
	if s := c.Query("page_size"); s != "" {
		// iam's protocol reads 0 as "the default", so an explicit 0 is
		// refused here, like every size outside 1 to 100.
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fail(c, a.log, errs.Invalid("page_size", "page_size must be a whole number from 1 to 100"))
			return
		}
		q.PageSize = n
	}
	page, err := a.app.ListUsers(c.Request.Context(), caller(c), q)
	if err != nil {
		fail(c, a.log, err)
		return
	}
	users := make([]userJSON, 0, len(page.Users))
	for _, u := range page.Users {
		users = append(users, toUserJSON(u))
	}
	c.JSON(http.StatusOK, gin.H{"users": users, "next_page_token": page.NextPageToken})
}

func (a *api) setRoles(c *gin.Context) {
	var body struct {
		Roles []string `json:"roles"`
	}
	if !a.decode(c, &body) {
		return
	}
	u, err := a.app.SetRoles(c.Request.Context(), caller(c), c.Param("id"), body.Roles)
	a.answerUser(c, u, err)
}

func (a *api) disableUser(c *gin.Context) {
	u, err := a.app.DisableUser(c.Request.Context(), caller(c), c.Param("id"))
	a.answerUser(c, u, err)
}

func (a *api) enableUser(c *gin.Context) {
	u, err := a.app.EnableUser(c.Request.Context(), caller(c), c.Param("id"))
	a.answerUser(c, u, err)
}

func (a *api) answerUser(c *gin.Context, u session.User, err error) {
	if err != nil {
		fail(c, a.log, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(u))
}

func (a *api) createUser(c *gin.Context) {
	var body struct {
		Email       string   `json:"email"`
		DisplayName string   `json:"display_name"`
		Password    string   `json:"password"`
		Roles       []string `json:"roles"`
	}
	if !a.decode(c, &body) {
		return
	}
	u, err := a.app.CreateUser(c.Request.Context(), caller(c), session.NewUser{
		Email: body.Email, DisplayName: body.DisplayName, Password: body.Password, Roles: body.Roles,
	})
	if err != nil {
		fail(c, a.log, err)
		return
	}
	c.Header("Location", "/api/v1/users/"+u.ID)
	c.JSON(http.StatusCreated, toUserJSON(u))
}

// changePassword answers like a sign-in: the new session replaces every one
// the caller had, this client's included.
func (a *api) changePassword(c *gin.Context) {
	var body struct {
		CurrentPassword string `json:"current_password"`
		NewPassword     string `json:"new_password"`
	}
	if !a.decode(c, &body) {
		return
	}
	s, err := a.app.ChangePassword(c.Request.Context(), caller(c), session.PasswordChange{
		CurrentPassword: body.CurrentPassword, NewPassword: body.NewPassword,
	})
	if err != nil {
		fail(c, a.log, err)
		return
	}
	a.answerSession(c, s)
}
