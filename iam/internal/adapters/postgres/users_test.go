package postgres_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/user"
	"lms/shared/events"
)

func TestMigrate_IsIdempotent(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
}

func TestUsers_AddAndGet(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	users := postgres.NewUsers(db)
	u := addUser(t, users, "Ann@Example.com", user.RoleTeacher)

	got, err := users.Get(t.Context(), u.ID())
	require.NoError(t, err)
	require.Equal(t, "ann@example.com", got.Email().String())
	require.Equal(t, []string{"student", "teacher"}, got.Roles().Strings())
	require.Equal(t, u.PasswordHash(), got.PasswordHash())
	require.True(t, got.CreatedAt().Equal(now))

	byEmail, err := users.GetByEmail(t.Context(), "ann@example.com")
	require.NoError(t, err)
	require.Equal(t, u.ID(), byEmail.ID())

	_, err = users.Get(t.Context(), newID(t))
	require.ErrorIs(t, err, user.ErrNotFound)
	require.Equal(t, []string{events.TypeUserRegistered}, outboxTypes(t, db), "the registration is in the outbox")
}

func TestUsers_EmailIsUniqueWhateverItsCase(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	users := postgres.NewUsers(db)
	addUser(t, users, "ann@example.com")
	// Rows written before normalisation (or by hand) must not open a second
	// account either: the index is on lower(email).
	_, err := db.ExecContext(t.Context(), "UPDATE users SET email = 'ANN@example.com'")
	require.NoError(t, err)

	u, err := user.Register(newID(t), "ann@example.com", "Other", "h", nil, now)
	require.NoError(t, err)
	require.ErrorIs(t, users.Add(t.Context(), u), user.ErrEmailTaken)
	require.Len(t, outboxTypes(t, db), 1, "a refused registration publishes nothing")

	got, err := users.GetByEmail(t.Context(), "ann@example.com")
	require.NoError(t, err)
	require.Equal(t, "ANN@example.com", got.Email().String())
}

func TestUsers_UpdatePublishesEventsWithTheChange(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	users := postgres.NewUsers(db)
	u := addUser(t, users, "ann@example.com")
	admin := newID(t)

	updated, err := users.Update(t.Context(), u.ID(), func(u *user.User) error {
		if err := u.SetRoles(user.Roles{user.RoleTeacher}, admin, now); err != nil {
			return err
		}
		return u.Disable(admin, now)
	})
	require.NoError(t, err)
	require.False(t, updated.Active())

	got, err := users.Get(t.Context(), u.ID())
	require.NoError(t, err)
	require.False(t, got.Active())
	require.True(t, got.Roles().Has(user.RoleTeacher))
	require.Equal(t, []string{events.TypeUserRegistered, events.TypeUserRolesChanged, events.TypeUserDisabled}, outboxTypes(t, db))

	_, err = users.Update(t.Context(), u.ID(), func(u *user.User) error { return user.ErrSelfDisable })
	require.ErrorIs(t, err, user.ErrSelfDisable)
	_, err = users.Update(t.Context(), newID(t), func(*user.User) error { return nil })
	require.ErrorIs(t, err, user.ErrNotFound)
	require.Len(t, outboxTypes(t, db), 3, "failed updates publish nothing")
}

func TestUsers_List(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	users := postgres.NewUsers(db)
	var all []user.ID
	for i := range 5 {
		var roles []user.Role
		if i%2 == 0 {
			roles = append(roles, user.RoleTeacher)
		}
		all = append(all, addUser(t, users, fmt.Sprintf("user%d@example.com", i), roles...).ID())
	}
	addUser(t, users, "other_x@example.com")
	addUser(t, users, "otherAx@example.com")

	ids := func(f user.ListFilter) []user.ID {
		us, err := users.List(t.Context(), f)
		require.NoError(t, err)
		out := []user.ID{}
		for _, u := range us {
			out = append(out, u.ID())
		}
		return out
	}
	require.Equal(t, all[:2], ids(user.ListFilter{Limit: 2}), "in creation order")
	require.Equal(t, all[2:4], ids(user.ListFilter{Limit: 2, After: all[1]}), "after the cursor")
	require.Equal(t, []user.ID{all[0], all[2], all[4]}, ids(user.ListFilter{Limit: 10, Role: user.RoleTeacher}))
	require.Equal(t, all[3:5], ids(user.ListFilter{Limit: 10, EmailPrefix: "user", After: all[2]}))
	require.Len(t, ids(user.ListFilter{Limit: 10, EmailPrefix: "other_"}), 1, "_ matches literally")
	require.Empty(t, ids(user.ListFilter{Limit: 10, EmailPrefix: "%"}), "% matches literally")
}
