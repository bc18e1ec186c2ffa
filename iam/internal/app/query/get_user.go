package query

import (
	"context"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
)

// GetUser reads one user.
type GetUser struct {
	users user.Repository
}

// NewGetUser returns the GetUser query.
func NewGetUser(users user.Repository) *GetUser { return &GetUser{users: users} }

// Handle returns user id to the user themselves or to an admin. Anyone else
// gets ErrForbidden, whether or not the user exists.
func (h *GetUser) Handle(ctx context.Context, c caller.Caller, id user.ID) (*user.User, error) {
	me, err := caller.RequireActive(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	if id == me.ID() {
		return me, nil
	}
	if !me.Roles().Has(user.RoleAdmin) {
		return nil, caller.ErrForbidden
	}
	return h.users.Get(ctx, id)
}
