package mongo_test

import (
	"testing"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
)

func TestGradedResponseReader(t *testing.T) {
	t.Parallel()
	apptest.GradedResponsesContract(t, func(t *testing.T) (attempt.Repository, query.GradedResponses) {
		s := newStore(t)
		return s.Attempts(), s.GradedResponses()
	})
}
