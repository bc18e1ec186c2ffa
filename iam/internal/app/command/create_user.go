package command

import (
	"context"
	"fmt"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
)

// CreateUserInput is an account an admin makes on someone's behalf.
type CreateUserInput struct {
	Email       string
	DisplayName string
	Password    string
	Roles       []user.Role
}

// CreateUser lets admins make accounts with roles and a first password.
// Invitations by mail wait for the mail service: the admin hands the first
// password over themselves.
type CreateUser struct {
	users  user.Repository
	hasher PasswordHasher
	clock  Clock
}

// NewCreateUser returns the CreateUser use case.
func NewCreateUser(users user.Repository, hasher PasswordHasher, clock Clock) *CreateUser {
	return &CreateUser{users: users, hasher: hasher, clock: clock}
}

// Handle creates the account; unlike Register it tells a taken email
// (ErrEmailTaken), since only admins may ask.
func (h *CreateUser) Handle(ctx context.Context, c caller.Caller, in CreateUserInput) (*user.User, error) {
	admin, err := caller.RequireAdmin(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	a, err := newAccount(ctx, h.hasher, in.Email, in.Password)
	if err != nil {
		return nil, err
	}
	roles, err := user.NewRoles(in.Roles...)
	if err != nil {
		return nil, err
	}
	u, err := user.Create(a.id, a.email, in.DisplayName, a.hash, roles, admin.ID(), h.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := h.users.Add(ctx, u); err != nil {
		return nil, fmt.Errorf("create user %s: %w", a.id, err)
	}
	return u, nil
}
