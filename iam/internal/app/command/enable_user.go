package command

import (
	"context"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
)

// EnableUser lets admins let disabled users back in.
type EnableUser struct {
	users user.Repository
	clock Clock
}

// NewEnableUser returns the EnableUser use case.
func NewEnableUser(users user.Repository, clock Clock) *EnableUser {
	return &EnableUser{users: users, clock: clock}
}

// Handle enables user id; their old sessions stay revoked.
func (h *EnableUser) Handle(ctx context.Context, c caller.Caller, id user.ID) (*user.User, error) {
	admin, err := caller.RequireAdmin(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	return h.users.Update(ctx, id, func(u *user.User) error {
		u.Enable(admin.ID(), h.clock.Now())
		return nil
	})
}
