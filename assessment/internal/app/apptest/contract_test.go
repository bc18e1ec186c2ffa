package apptest_test

import (
	"testing"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/test"
)

func TestTestsFake(t *testing.T) {
	t.Parallel()
	apptest.TestRepositoryContract(t, func(*testing.T) test.Repository { return apptest.NewTests() })
}

func TestAttemptsFake(t *testing.T) {
	t.Parallel()
	apptest.AttemptRepositoryContract(t, func(*testing.T) (attempt.Repository, test.Repository) {
		return apptest.NewAttempts(), apptest.NewTests()
	})
}

func TestRosterFake(t *testing.T) {
	t.Parallel()
	apptest.RosterContract(t, func(*testing.T) apptest.RosterPorts { return apptest.NewRoster() })
}
