package postgres_test

import (
	"testing"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/app/apptest"
)

func TestRepositories_KeepTheRepositoryContract(t *testing.T) {
	t.Parallel()
	apptest.RunRepositoryContract(t, func(t *testing.T) apptest.Repos {
		db := migrated(t)
		return apptest.Repos{Users: postgres.NewUsers(db), Sessions: postgres.NewSessions(db), Throttles: postgres.NewThrottles(db)}
	})
}
