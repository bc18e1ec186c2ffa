package query_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/iam/internal/app/apptest"
	"lms/iam/internal/app/caller"
	"lms/iam/internal/app/query"
	"lms/iam/internal/domain/user"
)

var now = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func add(t *testing.T, users *apptest.Users, email string, roles ...user.Role) *user.User {
	t.Helper()
	u, err := user.Register(user.ID(uuid.Must(uuid.NewV7()).String()), user.Email(email), "Someone", "h", roles, now)
	require.NoError(t, err)
	require.NoError(t, users.Add(t.Context(), u))
	return u
}

func TestListUsers(t *testing.T) {
	t.Parallel()
	users := apptest.NewUsers()
	admin := add(t, users, "admin@example.com", user.RoleAdmin)
	for i := range 4 {
		add(t, users, fmt.Sprintf("s%d@example.com", i))
	}
	list := query.NewListUsers(users)
	asAdmin := caller.Caller{UserID: string(admin.ID())}

	first, err := list.Handle(t.Context(), asAdmin, query.ListUsersInput{PageSize: 3})
	require.NoError(t, err)
	require.Len(t, first.Users, 3)
	require.NotEmpty(t, first.NextPageToken)
	second, err := list.Handle(t.Context(), asAdmin, query.ListUsersInput{PageSize: 3, PageToken: first.NextPageToken})
	require.NoError(t, err)
	require.Len(t, second.Users, 2)
	require.Empty(t, second.NextPageToken, "no token after the last page")

	exact, err := list.Handle(t.Context(), asAdmin, query.ListUsersInput{PageSize: 5})
	require.NoError(t, err)
	require.Empty(t, exact.NextPageToken, "a full last page says it is the last")

	_, err = list.Handle(t.Context(), asAdmin, query.ListUsersInput{PageToken: "!!"})
	require.ErrorIs(t, err, query.ErrInvalidPageToken)
	student := add(t, users, "x@example.com")
	_, err = list.Handle(t.Context(), caller.Caller{UserID: string(student.ID()), Roles: []string{"admin"}}, query.ListUsersInput{})
	require.ErrorIs(t, err, caller.ErrForbidden, "roles come from the database, not from what the caller claims")
}

func TestGetUser(t *testing.T) {
	t.Parallel()
	users := apptest.NewUsers()
	admin := add(t, users, "admin@example.com", user.RoleAdmin)
	ann := add(t, users, "ann@example.com")
	bob := add(t, users, "bob@example.com")
	get := query.NewGetUser(users)

	u, err := get.Handle(t.Context(), caller.Caller{UserID: string(ann.ID())}, ann.ID())
	require.NoError(t, err)
	require.Equal(t, ann.ID(), u.ID())
	_, err = get.Handle(t.Context(), caller.Caller{UserID: string(ann.ID())}, bob.ID())
	require.ErrorIs(t, err, caller.ErrForbidden)
	_, err = get.Handle(t.Context(), caller.Caller{UserID: string(ann.ID())}, "missing")
	require.ErrorIs(t, err, caller.ErrForbidden, "students cannot probe which ids exist")
	_, err = get.Handle(t.Context(), caller.Caller{UserID: string(admin.ID())}, bob.ID())
	require.NoError(t, err)
	_, err = get.Handle(t.Context(), caller.Caller{UserID: string(admin.ID())}, "missing")
	require.ErrorIs(t, err, user.ErrNotFound)
}
