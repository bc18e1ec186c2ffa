package command

import (
	"context"

	"github.com/google/uuid"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

// UnlinkIdentity lets a person remove one of their external identities.
type UnlinkIdentity struct {
	identities identity.Repository
	users      user.Repository
}

// NewUnlinkIdentity returns the UnlinkIdentity use case.
func NewUnlinkIdentity(identities identity.Repository, users user.Repository) *UnlinkIdentity {
	return &UnlinkIdentity{identities: identities, users: users}
}

// Handle removes the caller's identity id, never the account's last way in.
func (h *UnlinkIdentity) Handle(ctx context.Context, c caller.Caller, id string) error {
	u, err := caller.RequireActive(ctx, h.users, c)
	if err != nil {
		return err
	}
	if _, err := uuid.Parse(id); err != nil {
		return identity.ErrNotFound
	}
	return h.identities.Remove(ctx, u.ID(), id, func(u *user.User, all []*identity.Identity) error {
		return identity.CheckUnlink(id, all, u.PasswordHash() != "")
	})
}
