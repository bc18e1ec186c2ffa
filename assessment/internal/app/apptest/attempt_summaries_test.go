package apptest_test

import (
	"testing"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
)

func TestAttemptSummariesFake(t *testing.T) {
	t.Parallel()
	apptest.AttemptSummariesContract(t, func(*testing.T) (attempt.Repository, query.AttemptSummaries, func()) {
		a := apptest.NewAttempts()
		return a, apptest.AttemptSummaries{Attempts: a}, func() {}
	})
}
