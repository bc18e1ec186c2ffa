package command

import (
	"context"
	"errors"
	"fmt"

	"lms/iam/internal/domain/user"
)

// RegisterInput is a new student's details.
type RegisterInput struct {
	Email       string
	DisplayName string
	Password    string
}

// Register creates student accounts. It answers the same way, after the same
// work, whether or not the email is taken, so it cannot be used to learn who
// has an account.
type Register struct {
	users  user.Repository
	hasher PasswordHasher
	clock  Clock
}

// NewRegister returns the Register use case.
func NewRegister(users user.Repository, hasher PasswordHasher, clock Clock) *Register {
	return &Register{users: users, hasher: hasher, clock: clock}
}

// Handle registers the student; only invalid input is reported.
func (h *Register) Handle(ctx context.Context, in RegisterInput) error {
	// Hashed before the email is looked at, so a taken email costs the same.
	a, err := newAccount(ctx, h.hasher, in.Email, in.Password)
	if err != nil {
		return err
	}
	u, err := user.Register(a.id, a.email, in.DisplayName, a.hash, nil, h.clock.Now())
	if err != nil {
		return err
	}
	if err := h.users.Add(ctx, u); err != nil && !errors.Is(err, user.ErrEmailTaken) {
		return fmt.Errorf("register %s: %w", a.id, err)
	}
	return nil
}
