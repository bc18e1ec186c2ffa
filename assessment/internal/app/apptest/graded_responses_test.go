package apptest_test

import (
	"testing"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
)

func TestGradedResponsesFake(t *testing.T) {
	t.Parallel()
	apptest.GradedResponsesContract(t, func(*testing.T) (attempt.Repository, query.GradedResponses) {
		a := apptest.NewAttempts()
		return a, apptest.GradedResponses{Attempts: a}
	})
}
