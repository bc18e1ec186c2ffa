package command

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

// Errors of Login. Unknown email and wrong password are one error.
var (
	ErrInvalidCredentials = errs.New(errs.Unauthenticated, "invalid-credentials", "the email or password is wrong")
	ErrAccountDisabled    = errs.New(errs.Unauthenticated, "account-disabled", "the account is disabled")
)

// LoginInput is a sign-in attempt.
type LoginInput struct {
	Email         string
	Password      string
	ClientAddress string
}

// LoginPolicy is how sessions last and how guessing is throttled.
type LoginPolicy struct {
	RefreshTTL    time.Duration
	SessionMaxAge time.Duration
	PerAccount    throttle.Policy
	PerAddress    throttle.Policy
}

// Login signs users in and opens sessions.
type Login struct {
	users    user.Repository
	sessions session.Repository
	throttle throttle.Repository
	hasher   PasswordHasher
	issuer   TokenIssuer
	clock    Clock
	policy   LoginPolicy
	log      *slog.Logger

	dummyOnce sync.Once
	dummy     string
	dummyErr  error
}

// NewLogin returns the Login use case.
func NewLogin(users user.Repository, sessions session.Repository, th throttle.Repository, hasher PasswordHasher,
	issuer TokenIssuer, clock Clock, policy LoginPolicy, log *slog.Logger,
) *Login {
	return &Login{users: users, sessions: sessions, throttle: th, hasher: hasher, issuer: issuer, clock: clock, policy: policy, log: log}
}

// Handle checks the credentials and returns a new session's tokens.
func (h *Login) Handle(ctx context.Context, in LoginInput) (Tokens, error) {
	email, err := user.ParseEmail(in.Email)
	if err != nil {
		// Nobody can have registered a malformed address: same answer as a
		// wrong password, without spending a hash on it.
		return Tokens{}, ErrInvalidCredentials
	}
	gates := []gate{{throttle.AccountKey(email.String()), h.policy.PerAccount, true}}
	if in.ClientAddress != "" {
		gates = append(gates, gate{throttle.AddressKey(in.ClientAddress), h.policy.PerAddress, false})
	}
	for i, g := range gates {
		if err := h.admit(ctx, g); err != nil {
			h.settle(ctx, gates[:i], cancelled)
			return Tokens{}, err
		}
	}
	u, ok, err := h.checkPassword(ctx, email, in.Password)
	if err != nil {
		h.settle(ctx, gates, cancelled)
		return Tokens{}, err
	}
	if !ok {
		h.settle(ctx, gates, failed)
		return Tokens{}, ErrInvalidCredentials
	}
	h.settle(ctx, gates, succeeded)
	if !u.Active() {
		return Tokens{}, ErrAccountDisabled
	}
	return h.openSession(ctx, u)
}

// checkPassword returns the user when password is theirs. An unknown email is
// checked against a dummy hash so it takes as long as a wrong password.
func (h *Login) checkPassword(ctx context.Context, email user.Email, password string) (*user.User, bool, error) {
	u, err := h.users.GetByEmail(ctx, email)
	if errors.Is(err, user.ErrNotFound) {
		dummy, err := h.dummyHash()
		if err != nil {
			return nil, false, err
		}
		_, _, _ = h.hasher.Verify(password, dummy)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("load user: %w", err)
	}
	ok, rehash, err := h.hasher.Verify(password, u.PasswordHash())
	if err != nil || !ok {
		return nil, false, err
	}
	if rehash {
		h.rehash(ctx, u, password)
	}
	return u, true, nil
}

// rehash upgrades a hash made with old parameters; failing to is only logged,
// the next sign-in tries again.
func (h *Login) rehash(ctx context.Context, u *user.User, password string) {
	hash, err := h.hasher.Hash(password)
	if err == nil {
		_, err = h.users.Update(ctx, u.ID(), func(u *user.User) error {
			u.ChangePasswordHash(hash, h.clock.Now())
			return nil
		})
	}
	if err != nil {
		h.log.WarnContext(ctx, "rehash password", "user_id", u.ID(), "error", err)
	}
}

func (h *Login) openSession(ctx context.Context, u *user.User) (Tokens, error) {
	now := h.clock.Now()
	id, err := newID()
	if err != nil {
		return Tokens{}, err
	}
	tok, hash, err := newRefreshToken()
	if err != nil {
		return Tokens{}, err
	}
	s := session.Start(session.ID(id), u.ID(), hash, now, h.policy.RefreshTTL, h.policy.SessionMaxAge)
	if err := h.sessions.Add(ctx, s); err != nil {
		return Tokens{}, fmt.Errorf("open session for %s: %w", u.ID(), err)
	}
	access, err := h.issuer.Issue(ctx, u, now)
	if err != nil {
		return Tokens{}, fmt.Errorf("issue access token: %w", err)
	}
	return Tokens{Access: access, RefreshToken: tok, RefreshExpiresAt: s.TokenExpiresAt(), User: u}, nil
}

func (h *Login) dummyHash() (string, error) {
	h.dummyOnce.Do(func() { h.dummy, h.dummyErr = h.hasher.Hash("not a password anyone has: dummy") })
	return h.dummy, h.dummyErr
}
