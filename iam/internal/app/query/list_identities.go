package query

import (
	"context"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

// ListIdentities returns the external identities of the caller.
type ListIdentities struct {
	identities identity.Repository
	users      user.Repository
}

// NewListIdentities returns the ListIdentities query.
func NewListIdentities(identities identity.Repository, users user.Repository) *ListIdentities {
	return &ListIdentities{identities: identities, users: users}
}

// Handle lists the caller's identities, oldest first.
func (h *ListIdentities) Handle(ctx context.Context, c caller.Caller) ([]*identity.Identity, error) {
	u, err := caller.RequireActive(ctx, h.users, c)
	if err != nil {
		return nil, err
	}
	return h.identities.ListByUser(ctx, u.ID())
}
