package mongo_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/testkit"
)

// newStore returns a migrated store over a database of the test's own on the
// stack's FerretDB.
func newStore(t *testing.T) *mongo.Store {
	t.Helper()
	s := mongo.NewStore(testkit.Mongo(t))
	require.NoError(t, s.Migrate(t.Context()))
	return s
}

func TestTestRepository(t *testing.T) {
	t.Parallel()
	apptest.ExamRepositoryContract(t, func(t *testing.T) exam.Repository { return newStore(t).Tests() })
}

func TestAttemptRepository(t *testing.T) {
	t.Parallel()
	apptest.AttemptRepositoryContract(t, func(t *testing.T) (attempt.Repository, exam.Repository) {
		s := newStore(t)
		return s.Attempts(), s.Tests()
	})
}

func TestRoster(t *testing.T) {
	t.Parallel()
	apptest.RosterContract(t, func(t *testing.T) apptest.RosterPorts { return newStore(t).Roster() })
}

func TestBankRepository(t *testing.T) {
	t.Parallel()
	apptest.BankRepositoryContract(t, func(t *testing.T) bank.Repository { return newStore(t).Banks() })
}
