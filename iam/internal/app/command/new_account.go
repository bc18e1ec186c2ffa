package command

import (
	"context"
	"fmt"

	"lms/iam/internal/domain/user"
)

// account is what every way of making an account checks and prepares
// before the user exists: a valid email, a password that meets the rules
// (hashed), and a new id.
type account struct {
	id    user.ID
	email user.Email
	hash  string
}

// newAccount validates email and password and hashes the password.
func newAccount(ctx context.Context, hasher PasswordHasher, email, password string) (account, error) {
	e, err := user.ParseEmail(email)
	if err != nil {
		return account{}, err
	}
	if err := user.ValidatePassword(password); err != nil {
		return account{}, err
	}
	id, err := newID()
	if err != nil {
		return account{}, err
	}
	hash, err := hasher.Hash(ctx, password)
	if err != nil {
		return account{}, fmt.Errorf("hash password: %w", err)
	}
	return account{id: user.ID(id), email: e, hash: hash}, nil
}
