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
	users  user.Repository
	hasher PasswordHasher
	clock  Clock
	log    *slog.Logger
	guard  guard
	opener sessionOpener

	dummyOnce sync.Once
	dummy     string
	dummyErr  error
}

// NewLogin returns the Login use case.
func NewLogin(users user.Repository, sessions session.Repository, th throttle.Repository, hasher PasswordHasher,
	issuer TokenIssuer, clock Clock, policy LoginPolicy, log *slog.Logger,
) *Login {
	return &Login{
		users: users, hasher: hasher, clock: clock, log: log,
		guard:  guard{throttle: th, clock: clock, policy: policy, log: log},
		opener: sessionOpener{sessions: sessions, issuer: issuer, clock: clock, policy: policy},
	}
}

// Handle checks the credentials and returns a new session's tokens.
func (h *Login) Handle(ctx context.Context, in LoginInput) (Tokens, error) {
	email, err := user.ParseEmail(in.Email)
	if err != nil {
		// Nobody can have registered a malformed address: same answer as a
		// wrong password, without spending a hash on it.
		return Tokens{}, ErrInvalidCredentials
	}
	gates := h.guard.gates(email, in.ClientAddress)
	if err := h.guard.admitAll(ctx, gates); err != nil {
		return Tokens{}, err
	}
	u, ok, err := h.checkPassword(ctx, email, in.Password)
	if err != nil {
		h.guard.settle(ctx, gates, cancelled)
		return Tokens{}, err
	}
	if !ok {
		h.guard.settle(ctx, gates, failed)
		return Tokens{}, ErrInvalidCredentials
	}
	h.guard.settle(ctx, gates, succeeded)
	if !u.Active() {
		return Tokens{}, ErrAccountDisabled
	}
	return h.opener.open(ctx, u)
}

// checkPassword returns the user when password is theirs. An unknown email is
// checked against a dummy hash so it takes as long as a wrong password.
func (h *Login) checkPassword(ctx context.Context, email user.Email, password string) (*user.User, bool, error) {
	u, err := h.users.GetByEmail(ctx, email)
	if err == nil && u.PasswordHash() == "" {
		// An account made by an external sign-in has no password yet: the
		// same answer, after the same work, as an unknown email.
		err = user.ErrNotFound
	}
	if errors.Is(err, user.ErrNotFound) {
		dummy, err := h.dummyHash(ctx)
		if err != nil {
			return nil, false, err
		}
		if _, _, err := h.hasher.Verify(ctx, password, dummy); ctx.Err() != nil {
			return nil, false, fmt.Errorf("check password: %w", err)
		}
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("load user: %w", err)
	}
	ok, rehash, err := h.hasher.Verify(ctx, password, u.PasswordHash())
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
	hash, err := h.hasher.Hash(ctx, password)
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

// dummyHash is made once, whoever asks first; a first caller who leaves
// early does not leave every later one without it.
func (h *Login) dummyHash(ctx context.Context) (string, error) {
	h.dummyOnce.Do(func() {
		h.dummy, h.dummyErr = h.hasher.Hash(context.WithoutCancel(ctx), "not a password anyone has: dummy")
	})
	return h.dummy, h.dummyErr
}
