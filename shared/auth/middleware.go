package auth

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"lms/shared/errs"
	"lms/shared/problem"
)

// TokenVerifier turns a bearer token into a principal; *Verifier is one.
type TokenVerifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

// RequestIDHeader carries the request id; when the response already has it
// (set by an earlier middleware) problem details repeat it.
const RequestIDHeader = "X-Request-ID"

// BearerToken returns the token of an "Authorization: Bearer <token>" header.
func BearerToken(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", ErrMissingToken
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", ErrInvalidToken.Wrap(errors.New("authorization header is not a bearer token"))
	}
	return strings.TrimSpace(token), nil
}

// Authenticate verifies the request's bearer token and returns its principal.
func Authenticate(r *http.Request, v TokenVerifier) (Principal, error) {
	token, err := BearerToken(r)
	if err != nil {
		return Principal{}, err
	}
	return v.Verify(r.Context(), token)
}

// Middleware is the net/http form of authentication for course and
// assessment: it puts the verified principal in the request's context (read
// it with PrincipalFrom) or answers 401 problem details with a
// WWW-Authenticate challenge. log receives the reason a token was refused.
func Middleware(v TokenVerifier, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, err := Authenticate(r, v)
			if err != nil {
				WriteError(w, r, log, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

// RequireRole is net/http middleware, placed after Middleware, that answers
// 403 unless the principal holds one of roles.
func RequireRole(log *slog.Logger, roles ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := PrincipalFrom(r.Context())
			if !ok {
				WriteError(w, r, log, ErrMissingToken)
				return
			}
			if !p.HasAnyRole(roles...) {
				WriteError(w, r, log, ErrForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// WriteError answers an authentication or authorization error as problem
// details; a 401 carries the RFC 6750 challenge. The cause is logged at debug
// level because refused tokens are routine.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	d := problem.FromError(err)
	d.Instance = r.URL.Path
	d.RequestID = w.Header().Get(RequestIDHeader)
	if errs.KindOf(err) == errs.Unauthenticated {
		w.Header().Set("WWW-Authenticate", challenge(err))
	}
	if log != nil {
		log.DebugContext(r.Context(), "request refused", "status", d.Status, "reason", err.Error())
	}
	problem.Write(w, d)
}

func challenge(err error) string {
	if errors.Is(err, ErrMissingToken) {
		return `Bearer realm="lms"`
	}
	desc := "the access token is invalid"
	if e, ok := errs.As(err); ok {
		desc = e.Message
	}
	return `Bearer realm="lms", error="invalid_token", error_description="` + desc + `"`
}
