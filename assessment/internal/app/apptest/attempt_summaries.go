package apptest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// AttemptSummaries is an in-memory query.AttemptSummaries over Attempts.
type AttemptSummaries struct{ Attempts *Attempts }

var _ query.AttemptSummaries = AttemptSummaries{}

// PageByTest implements query.AttemptSummaries.
func (s AttemptSummaries) PageByTest(ctx context.Context, testID string, p query.AttemptPage) ([]attempt.Summary, error) {
	list, err := s.Attempts.ListByTest(ctx, testID)
	if err != nil {
		return nil, err
	}
	return p.Select(list), nil
}

// AttemptSummariesContract checks a query.AttemptSummaries; newPorts
// returns an empty attempt repository, the summaries over it, and settle,
// which returns once the summaries show every change stored before it was
// called.
func AttemptSummariesContract(t *testing.T, newPorts func(t *testing.T) (attempt.Repository, query.AttemptSummaries, func())) {
	published := func(t *testing.T, id string) *exam.Test {
		t.Helper()
		tt, err := exam.New(id, "c1", "teacher", SampleContent(), T0.Add(-time.Hour))
		require.NoError(t, err)
		require.NoError(t, tt.Publish(T0.Add(-time.Hour)))
		return tt
	}
	start := func(t *testing.T, r attempt.Repository, tt *exam.Test, id, student string, number int) *attempt.Attempt {
		t.Helper()
		a, err := attempt.Start(attempt.StartParams{ID: id, Test: tt, StudentID: student, Number: number, Seed: 9, Now: T0})
		require.NoError(t, err)
		require.NoError(t, r.Add(t.Context(), a))
		return a
	}
	ids := func(list []attempt.Summary) []string {
		out := []string{}
		for _, s := range list {
			out = append(out, s.ID)
		}
		return out
	}

	t.Run("pages through a test's attempts by student and number, after a cursor", func(t *testing.T) {
		t.Parallel()
		r, summaries, settle := newPorts(t)
		tt, other := published(t, "t1"), published(t, "t2")
		start(t, r, tt, "a-s2-1", "s2", 1)
		start(t, r, tt, "a-s1-1", "s1", 1)
		start(t, r, tt, "a-s3-1", "s3", 1)
		start(t, r, other, "a-other", "s1", 1)
		settle()

		first, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{Limit: 2})
		require.NoError(t, err)
		require.Equal(t, []string{"a-s1-1", "a-s2-1"}, ids(first), "by student, the other test's left out")
		rest, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{Limit: 2,
			After: query.AttemptCursor{StudentID: first[1].StudentID, Number: first[1].Number}})
		require.NoError(t, err)
		require.Equal(t, []string{"a-s3-1"}, ids(rest))
		none, err := summaries.PageByTest(t.Context(), "nope", query.AttemptPage{Limit: 10})
		require.NoError(t, err)
		require.Empty(t, none)
	})

	t.Run("a summary follows its attempt: submitted, graded, and a state filter", func(t *testing.T) {
		t.Parallel()
		r, summaries, settle := newPorts(t)
		tt := published(t, "t1")
		a := start(t, r, tt, "a1", "s1", 1)
		start(t, r, tt, "a2", "s2", 1)
		settle()
		started, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{Limit: 10})
		require.NoError(t, err)
		require.Equal(t, a.Summary(), started[0], "as started: state, deadline, version and number")

		v := tt.Current()
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			if _, err := a.Submit(v, attempt.ByStudent, T0.Add(5*time.Minute)); err != nil {
				return err
			}
			_, err := a.AutoGrade(v)
			return err
		}))
		settle()
		waiting, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{State: attempt.StateNeedsReview, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, []string{"a1"}, ids(waiting), "the essay waits for a teacher")
		require.Equal(t, 1, waiting[0].PendingEssays)
		require.Equal(t, T0.Add(5*time.Minute), waiting[0].SubmittedAt)

		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			if err := a.Grade(v, []attempt.ManualGrade{{QuestionID: "essay", Score: 6}}, "teacher", "", T0.Add(time.Hour)); err != nil {
				return err
			}
			_, err := a.Finalize(v, T0.Add(time.Hour))
			return err
		}))
		settle()
		graded, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{State: attempt.StateGraded, Limit: 10})
		require.NoError(t, err)
		require.Len(t, graded, 1)
		want, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, want.Summary(), graded[0], "score, maximum, passed and no essay pending")
		require.Zero(t, graded[0].PendingEssays)
		inProgress, err := summaries.PageByTest(t.Context(), "t1", query.AttemptPage{State: attempt.StateInProgress, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, []string{"a2"}, ids(inProgress))
	})
}
