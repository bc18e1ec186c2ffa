package command

import (
	"context"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
)

// SetRoles lets admins grant and take away roles.
type SetRoles struct {
	users user.Repository
	clock Clock
}

// NewSetRoles returns the SetRoles use case.
func NewSetRoles(users user.Repository, clock Clock) *SetRoles {
	return &SetRoles{users: users, clock: clock}
}

// Handle replaces the roles of user id. Tokens the user holds keep their old
// roles until they expire (at most the access-token lifetime).
func (h *SetRoles) Handle(ctx context.Context, c caller.Caller, id user.ID, roles []user.Role) (*user.User, error) {
	admin, err := caller.RequireAdmin(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	set, err := user.NewRoles(roles...)
	if err != nil {
		return nil, err
	}
	return h.users.Update(ctx, id, func(u *user.User) error {
		return u.SetRoles(set, admin.ID(), h.clock.Now())
	})
}
