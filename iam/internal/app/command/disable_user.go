package command

import (
	"context"
	"fmt"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

// DisableUser lets admins lock users out.
type DisableUser struct {
	users    user.Repository
	sessions session.Repository
	clock    Clock
}

// NewDisableUser returns the DisableUser use case.
func NewDisableUser(users user.Repository, sessions session.Repository, clock Clock) *DisableUser {
	return &DisableUser{users: users, sessions: sessions, clock: clock}
}

// Handle disables user id and revokes all their sessions. Their access tokens
// still verify until they expire; the published "user disabled" event is how
// the gateway refuses them sooner.
func (h *DisableUser) Handle(ctx context.Context, c caller.Caller, id user.ID) (*user.User, error) {
	admin, err := caller.RequireAdmin(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	now := h.clock.Now()
	u, err := h.users.Update(ctx, id, func(u *user.User) error { return u.Disable(admin.ID(), now) })
	if err != nil {
		return nil, err
	}
	// Refresh checks the user's status as well, so a failure here cannot
	// revive a disabled user; the admin may simply retry.
	if _, err := h.sessions.RevokeAllOfUser(ctx, id, session.ReasonUserDisabled, now); err != nil {
		return nil, fmt.Errorf("revoke sessions of %s: %w", id, err)
	}
	return u, nil
}
