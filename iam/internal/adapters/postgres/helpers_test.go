package postgres_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/user"
	"lms/shared/testkit"
)

var now = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// migrated returns a database in a schema of the test's own, migrated.
func migrated(t *testing.T) *bun.DB {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	return db
}

func newID(t *testing.T) user.ID {
	t.Helper()
	return user.ID(uuid.Must(uuid.NewV7()).String())
}

func addUser(t *testing.T, users *postgres.Users, email string, roles ...user.Role) *user.User {
	t.Helper()
	e, err := user.ParseEmail(email)
	require.NoError(t, err)
	u, err := user.Register(newID(t), e, "Someone", "$argon2id$hash", roles, now)
	require.NoError(t, err)
	require.NoError(t, users.Add(t.Context(), u))
	return u
}

// outboxTypes returns the CloudEvents types in the outbox, in order.
func outboxTypes(t *testing.T, db *bun.DB) []string {
	t.Helper()
	var types []string
	require.NoError(t, db.NewRaw("SELECT type FROM outbox ORDER BY position").Scan(t.Context(), &types))
	return types
}
