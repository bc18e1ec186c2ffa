package command

import (
	"context"
	"fmt"
	"log/slog"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

// ErrWrongPassword is a password change whose current password is wrong.
var ErrWrongPassword = errs.New(errs.InvalidArgument, "wrong-password", "the current password is wrong").With("field", "current_password")

// ChangePasswordInput is the caller's current password and the new one.
type ChangePasswordInput struct {
	CurrentPassword string
	NewPassword     string
}

// ChangePassword lets a signed-in user choose a new password.
type ChangePassword struct {
	users    user.Repository
	sessions session.Repository
	hasher   PasswordHasher
	clock    Clock
	guard    guard
	opener   sessionOpener
}

// NewChangePassword returns the ChangePassword use case; its password checks
// go through the sign-in throttle, with Login's per-account policy, under a
// counter of the user's own (throttle.PasswordChangeKey).
func NewChangePassword(users user.Repository, sessions session.Repository, th throttle.Repository, hasher PasswordHasher,
	issuer TokenIssuer, clock Clock, policy LoginPolicy, log *slog.Logger,
) *ChangePassword {
	return &ChangePassword{
		users: users, sessions: sessions, hasher: hasher, clock: clock,
		guard:  guard{throttle: th, clock: clock, policy: policy, log: log},
		opener: sessionOpener{sessions: sessions, issuer: issuer, clock: clock, policy: policy},
	}
}

// Handle checks the current password (a wrong one counts as a failed
// check, throttled like sign-ins), stores the new one, revokes every session of the caller's and
// returns a new session for the client that asked. Access tokens already
// issued stay valid until they expire.
func (h *ChangePassword) Handle(ctx context.Context, c caller.Caller, in ChangePasswordInput) (Tokens, error) {
	me, err := caller.RequireActive(ctx, h.users, c)
	if err != nil {
		return Tokens{}, err
	}
	if in.CurrentPassword == "" {
		return Tokens{}, errs.Invalid("current_password", "current_password is required")
	}
	if err := user.ValidatePassword(in.NewPassword); err != nil {
		return Tokens{}, relabel(err, "new_password")
	}
	if err := h.checkCurrent(ctx, me, in); err != nil {
		return Tokens{}, err
	}
	hash, err := h.hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return Tokens{}, fmt.Errorf("hash password: %w", err)
	}
	now := h.clock.Now()
	u, err := h.users.Update(ctx, me.ID(), func(u *user.User) error {
		if !u.Active() {
			return caller.ErrUnauthenticated
		}
		u.ChangePassword(hash, now)
		return nil
	})
	if err != nil {
		return Tokens{}, err
	}
	// After the new hash is stored, so no session opened with the old
	// password survives; the caller's own is replaced below.
	if _, err := h.sessions.RevokeAllOfUser(ctx, u.ID(), session.ReasonPasswordChanged, now); err != nil {
		return Tokens{}, fmt.Errorf("revoke sessions of %s: %w", u.ID(), err)
	}
	return h.opener.open(ctx, u)
}

// checkCurrent verifies the current password through the sign-in throttle.
func (h *ChangePassword) checkCurrent(ctx context.Context, me *user.User, in ChangePasswordInput) error {
	gates := []gate{{throttle.PasswordChangeKey(string(me.ID())), h.guard.policy.PerAccount, true}}
	if err := h.guard.admitAll(ctx, gates); err != nil {
		return err
	}
	ok, _, err := h.hasher.Verify(ctx, in.CurrentPassword, me.PasswordHash())
	if me.PasswordHash() == "" {
		// An account an identity provider created has no password to match.
		ok, err = false, nil
	}
	switch {
	case err != nil:
		h.guard.settle(ctx, gates, cancelled)
		return fmt.Errorf("verify password of %s: %w", me.ID(), err)
	case !ok:
		h.guard.settle(ctx, gates, failed)
		return ErrWrongPassword
	}
	h.guard.settle(ctx, gates, succeeded)
	return nil
}

// relabel names field in a classified error that named another one.
func relabel(err error, field string) error {
	if e, ok := errs.As(err); ok {
		return e.With("field", field)
	}
	return err
}
