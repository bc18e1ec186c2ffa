package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"lms/shared/auth"
	"lms/shared/errs"
)

// CookieName is the session cookie holding an admin's access token.
const CookieName = "lms_visualizer_token"

// admin lets a request through when no check is set, or when it carries an
// admin's valid access token (bearer header first, else the cookie).
func (s *server) admin(next http.Handler) http.Handler {
	if s.o.Verifier == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.principal(r)
		if err != nil {
			auth.WriteError(w, r, s.o.Log, err)
			return
		}
		if !p.HasRole(auth.RoleAdmin) {
			auth.WriteError(w, r, s.o.Log, auth.ErrForbidden)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	})
}

func (s *server) principal(r *http.Request) (auth.Principal, error) {
	if r.Header.Get("Authorization") != "" {
		return auth.Authenticate(r, s.o.Verifier)
	}
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return auth.Principal{}, auth.ErrMissingToken
	}
	return s.o.Verifier.Verify(r.Context(), c.Value)
}

// session tells the page whether it must sign in first.
func (s *server) session(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Required bool `json:"required"`
		SignedIn bool `json:"signed_in"`
	}{Required: s.o.Verifier != nil}
	if out.Required {
		p, err := s.principal(r)
		out.SignedIn = err == nil && p.HasRole(auth.RoleAdmin)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(out)
}

// signIn takes an admin's access token (as the gateway's login returned it)
// and keeps it in an HttpOnly cookie until the token expires, so the page's
// event stream, which cannot send headers, carries it.
func (s *server) signIn(w http.ResponseWriter, r *http.Request) {
	if s.o.Verifier == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var in struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&in); err != nil || strings.TrimSpace(in.AccessToken) == "" {
		s.fail(w, r, errs.Invalid("access_token", "an admin's access token is required"))
		return
	}
	p, err := s.o.Verifier.Verify(r.Context(), strings.TrimSpace(in.AccessToken))
	if err != nil {
		auth.WriteError(w, r, s.o.Log, err)
		return
	}
	if !p.HasRole(auth.RoleAdmin) {
		auth.WriteError(w, r, s.o.Log, auth.ErrForbidden)
		return
	}
	// Secure is configurable only so the local stack works over plain HTTP.
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // see above
		Name: CookieName, Value: strings.TrimSpace(in.AccessToken), Path: "/api/",
		Expires: p.ExpiresAt, MaxAge: max(int(time.Until(p.ExpiresAt).Seconds()), 1),
		HttpOnly: true, Secure: s.o.SecureCookie, SameSite: http.SameSiteStrictMode,
	})
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) signOut(w http.ResponseWriter, _ *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/api/", MaxAge: -1, //nolint:gosec // as in signIn
		HttpOnly: true, Secure: s.o.SecureCookie, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(http.StatusNoContent)
}
