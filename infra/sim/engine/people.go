package engine

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"lms/infra/sim/client"
)

// password of every synthetic person (a long passphrase, as iam asks).
const password = "simulated people pass phrase"

// person is a signed-in account: it gives requests its token and signs in
// again when the token expired (client.Auth).
type person struct {
	c        *client.Client
	id       string
	email    string
	name     string
	password string

	mu      sync.Mutex
	token   string
	refresh string
	// renewing serialises renewals: two tabs that meet an expired token
	// renew it once.
	renewing sync.Mutex
}

var _ client.Auth = (*person)(nil)

func (p *person) Token() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.token
}

// Renew gets a new access token as a web client does: with the refresh
// token (no password, so no password hash), signing in again only when the
// session is gone. A renewal that another request of the same person made
// meanwhile is taken as it is.
func (p *person) Renew(ctx context.Context, stale string) error {
	p.renewing.Lock()
	defer p.renewing.Unlock()
	p.mu.Lock()
	token, refresh := p.token, p.refresh
	p.mu.Unlock()
	if token != stale {
		return nil
	}
	if refresh != "" {
		res, err := p.c.Do(ctx, client.Request{Op: "refresh", Method: http.MethodPost, Path: "/api/v1/auth/refresh",
			Body: map[string]any{"refresh_token": refresh}})
		if err == nil && res.Status == http.StatusOK {
			return p.session(res)
		}
	}
	return p.login(ctx)
}

func (p *person) login(ctx context.Context) error {
	res, err := p.c.Do(ctx, client.Request{Op: "login", Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]any{"email": p.email, "password": p.password}})
	if err != nil {
		return err
	}
	if res.Status != http.StatusOK {
		return fmt.Errorf("sign in %s: %s", p.email, res)
	}
	return p.session(res)
}

// session keeps a session's tokens.
func (p *person) session(res client.Response) error {
	var s struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		User         struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	if err := res.JSON(&s); err != nil {
		return fmt.Errorf("session of %s: %w", p.email, err)
	}
	p.mu.Lock()
	p.token, p.refresh, p.id = s.AccessToken, s.RefreshToken, s.User.ID
	p.mu.Unlock()
	return nil
}

// register creates the student's account as the sign-up page does and
// signs in.
func (p *person) register(ctx context.Context) error {
	res, err := p.c.Do(ctx, client.Request{Op: "register", Method: http.MethodPost, Path: "/api/v1/auth/register",
		Body: map[string]any{"email": p.email, "display_name": p.name, "password": p.password}})
	if err != nil {
		return err
	}
	if res.Status != http.StatusAccepted {
		return fmt.Errorf("register %s: %s", p.email, res)
	}
	return p.login(ctx)
}

// call sends a request as the person and decodes a 2xx answer into out
// (when not nil); any other answer is an error naming it.
func (p *person) call(ctx context.Context, op, method, path string, body, out any) (client.Response, error) {
	res, err := p.c.Do(ctx, client.Request{Op: op, Method: method, Path: path, Body: body, Auth: p})
	if err != nil {
		return res, err
	}
	if !res.OK() {
		return res, fmt.Errorf("%s %s: %s", method, path, res)
	}
	if out != nil {
		if err := res.JSON(out); err != nil {
			return res, fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return res, nil
}
