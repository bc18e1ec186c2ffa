package query

import (
	"context"
	"encoding/base64"
	"strings"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

// Page sizes of ListUsers.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// ErrInvalidPageToken is returned for a page token ListUsers did not make.
var ErrInvalidPageToken = errs.New(errs.InvalidArgument, "invalid-page-token", "the page token is not valid").With("field", "page_token")

// ListUsersInput filters and pages.
type ListUsersInput struct {
	PageSize    int
	PageToken   string
	Role        user.Role
	EmailPrefix string
}

// ListUsersOutput is one page.
type ListUsersOutput struct {
	Users         []*user.User
	NextPageToken string
}

// ListUsers pages through users for admins.
type ListUsers struct {
	users user.Repository
}

// NewListUsers returns the ListUsers query.
func NewListUsers(users user.Repository) *ListUsers { return &ListUsers{users: users} }

// Handle returns one page in creation order. The page token is the id of the
// page's last user, so pages stay stable while users are added.
func (h *ListUsers) Handle(ctx context.Context, c caller.Caller, in ListUsersInput) (ListUsersOutput, error) {
	if _, err := caller.RequireAdmin(ctx, h.users, c); err != nil {
		return ListUsersOutput{}, err
	}
	size := in.PageSize
	switch {
	case size < 0 || size > MaxPageSize:
		return ListUsersOutput{}, errs.Invalid("page_size", "the page size must be 1 to 100")
	case size == 0:
		size = DefaultPageSize
	}
	after, err := decodePageToken(in.PageToken)
	if err != nil {
		return ListUsersOutput{}, err
	}
	if err := user.CheckText("email_prefix", in.EmailPrefix); err != nil {
		return ListUsersOutput{}, err
	}
	if in.Role != "" {
		if _, err := user.ParseRole(string(in.Role)); err != nil {
			return ListUsersOutput{}, err
		}
	}
	// One more than asked tells whether another page follows.
	users, err := h.users.List(ctx, user.ListFilter{
		After: after, Limit: size + 1, Role: in.Role, EmailPrefix: strings.ToLower(strings.TrimSpace(in.EmailPrefix)),
	})
	if err != nil {
		return ListUsersOutput{}, err
	}
	out := ListUsersOutput{Users: users}
	if len(users) > size {
		out.Users = users[:size]
		out.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(users[size-1].ID()))
	}
	return out, nil
}

func decodePageToken(tok string) (user.ID, error) {
	if tok == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", ErrInvalidPageToken
	}
	id, err := user.ParseID(string(raw))
	if err != nil {
		return "", ErrInvalidPageToken
	}
	return id, nil
}
