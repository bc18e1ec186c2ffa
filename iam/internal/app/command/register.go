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
	email, err := user.ParseEmail(in.Email)
	if err != nil {
		return err
	}
	if err := user.ValidatePassword(in.Password); err != nil {
		return err
	}
	id, err := newID()
	if err != nil {
		return err
	}
	// Hashed before the email is looked at, so a taken email costs the same.
	hash, err := h.hasher.Hash(in.Password)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	u, err := user.Register(user.ID(id), email, in.DisplayName, hash, nil, h.clock.Now())
	if err != nil {
		return err
	}
	if err := h.users.Add(ctx, u); err != nil && !errors.Is(err, user.ErrEmailTaken) {
		return fmt.Errorf("register %s: %w", id, err)
	}
	return nil
}
