package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/gin-gonic/gin"

	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
	"lms/shared/ginproblem"
	"lms/shared/jsontext"
)

// errBadJSON is a body that is not the JSON object the route expects.
var errBadJSON = errs.New(errs.InvalidArgument, "invalid-json", "the request body must be a JSON object with the documented fields")

// decode reads the body strictly into dst: one JSON object, no unknown
// fields, within the body limit. It reports whether decoding succeeded and
// has answered the request when it did not.
// Text that no store can keep (invalid UTF-8, NUL characters) is refused with
// 400 invalid-text naming the field.
func (a *api) decode(c *gin.Context, dst any) bool {
	body, err := io.ReadAll(c.Request.Body)
	if err == nil {
		if err = jsontext.Check(body); err != nil {
			fail(c, a.log, err)
			return false
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		err = dec.Decode(dst)
		if err == nil && dec.More() {
			err = errors.New("trailing data after the JSON object")
		}
	}
	switch {
	case err == nil:
		return true
	case isTooLarge(err):
		ginproblem.Write(c, tooLarge(a.opts.BodyLimit))
	case errors.Is(err, io.EOF):
		fail(c, a.log, errBadJSON.Wrap(errors.New("empty body")))
	default:
		e := errBadJSON.Wrap(err)
		if field := jsontext.Field(err); field != "" {
			e = e.With("field", field)
		}
		fail(c, a.log, e)
	}
	return false
}

// userJSON is a user in the REST API.
type userJSON struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	Roles       []string  `json:"roles"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func toUserJSON(u session.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Roles: u.Roles,
		Status: u.Status, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// sessionJSON is a sign-in or refresh answer (RFC 6749 names where they exist).
type sessionJSON struct {
	AccessToken      string    `json:"access_token"`
	TokenType        string    `json:"token_type"`
	ExpiresIn        int64     `json:"expires_in"`
	AccessExpiresAt  time.Time `json:"access_expires_at"`
	RefreshToken     string    `json:"refresh_token"`
	RefreshExpiresAt time.Time `json:"refresh_expires_at"`
	User             userJSON  `json:"user"`
}

func toSessionJSON(s session.Session, now time.Time) sessionJSON {
	return sessionJSON{
		AccessToken: s.AccessToken, TokenType: "Bearer",
		ExpiresIn:       int64(max(s.AccessExpiresAt.Sub(now), 0).Seconds()),
		AccessExpiresAt: s.AccessExpiresAt, RefreshToken: s.RefreshToken,
		RefreshExpiresAt: s.RefreshExpiresAt, User: toUserJSON(s.User),
	}
}
