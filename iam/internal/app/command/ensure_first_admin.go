package command

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"lms/iam/internal/domain/user"
)

// EnsureFirstAdmin creates the administrator named in the configuration on
// first start, so someone can grant roles. It is safe to run on every start
// and from several replicas at once.
type EnsureFirstAdmin struct {
	users  user.Repository
	hasher PasswordHasher
	clock  Clock
	log    *slog.Logger
}

// NewEnsureFirstAdmin returns the EnsureFirstAdmin use case.
func NewEnsureFirstAdmin(users user.Repository, hasher PasswordHasher, clock Clock, log *slog.Logger) *EnsureFirstAdmin {
	return &EnsureFirstAdmin{users: users, hasher: hasher, clock: clock, log: log}
}

// Handle creates the admin unless the email is registered. An existing
// account is left as it is, never promoted or given a new password: whoever
// registered that email first may not be the operator.
func (h *EnsureFirstAdmin) Handle(ctx context.Context, rawEmail, password string) error {
	email, err := user.ParseEmail(rawEmail)
	if err != nil {
		return fmt.Errorf("first admin: %w", err)
	}
	existing, err := h.users.GetByEmail(ctx, email)
	switch {
	case err == nil:
		if !existing.Roles().Has(user.RoleAdmin) {
			h.log.WarnContext(ctx, "first admin email belongs to a user who is not an admin; left unchanged", "user_id", existing.ID())
		}
		return nil
	case !errors.Is(err, user.ErrNotFound):
		return fmt.Errorf("first admin: %w", err)
	}
	if err := user.ValidatePassword(password); err != nil {
		return fmt.Errorf("first admin: %w", err)
	}
	hash, err := h.hasher.Hash(ctx, password)
	if err != nil {
		return fmt.Errorf("first admin: hash password: %w", err)
	}
	id, err := newID()
	if err != nil {
		return err
	}
	u, err := user.Register(user.ID(id), email, "Administrator", hash, user.Roles{user.RoleAdmin}, h.clock.Now())
	if err != nil {
		return fmt.Errorf("first admin: %w", err)
	}
	if err := h.users.Add(ctx, u); err != nil && !errors.Is(err, user.ErrEmailTaken) {
		return fmt.Errorf("first admin: %w", err)
	}
	h.log.InfoContext(ctx, "created the first admin", "user_id", u.ID())
	return nil
}
