package apptest_test

import (
	"testing"

	"lms/iam/internal/app/apptest"
)

func TestFakes_KeepTheRepositoryContract(t *testing.T) {
	t.Parallel()
	apptest.RunRepositoryContract(t, func(*testing.T) apptest.Repos {
		return apptest.Repos{Users: apptest.NewUsers(), Sessions: apptest.NewSessions(), Throttles: apptest.NewThrottles()}
	})
}
