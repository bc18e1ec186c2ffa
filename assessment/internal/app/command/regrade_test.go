package command_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// pagesOf pages the fake's attempts by id.
type pagesOf struct {
	attempts interface {
		ListByTest(context.Context, string) ([]*attempt.Attempt, error)
	}
}

func (p pagesOf) PageByTest(ctx context.Context, testID, after string, limit int) ([]string, error) {
	list, err := p.attempts.ListByTest(ctx, testID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, a := range list {
		if a.ID() > after {
			ids = append(ids, a.ID())
		}
	}
	slices.Sort(ids)
	return ids[:min(limit, len(ids))], nil
}

func (x *harness) graded(t *testing.T) []attempt.Graded {
	t.Helper()
	var out []attempt.Graded
	for _, e := range x.attempts.Events() {
		if g, ok := e.(attempt.Graded); ok {
			out = append(out, g)
		}
	}
	return out
}

func TestRegrade(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	x.h = app.New(app.Deps{
		Tests: x.tests, Attempts: x.attempts, Accommodations: x.accommodations,
		Roster: x.roster, Recorder: x.roster, Clock: x.clock, IDs: &apptest.IDs{}, Pages: pagesOf{x.attempts},
	}, nil).Commands
	tt, a := x.gradedAttempt(t, content())
	require.Equal(t, 4.0, a.Score())
	fix := exam.Question{ID: "q1", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 2,
		Options: []exam.Option{{ID: "a", Text: "3", Correct: true}, {ID: "b", Text: "4"}}}

	_, err := x.h.StartRegrade.Handle(t.Context(), command.StartRegradeInput{Caller: alice, TestID: tt.ID(), Question: fix, Reason: "r"})
	requireSlug(t, err, "forbidden")
	_, err = x.h.StartRegrade.Handle(t.Context(), command.StartRegradeInput{Caller: other, TestID: tt.ID(), Question: fix, Reason: "r"})
	requireSlug(t, err, "test-not-found")
	_, err = x.h.StartRegrade.Handle(t.Context(), command.StartRegradeInput{Caller: teacher, TestID: tt.ID(), Question: fix})
	requireSlug(t, err, "regrade-reason-required")

	r, err := x.h.StartRegrade.Handle(t.Context(), command.StartRegradeInput{Caller: teacher, TestID: tt.ID(), Question: fix, Reason: "a is right"})
	require.NoError(t, err)
	require.Equal(t, exam.RegradeRunning, r.Status)
	before := len(x.graded(t))
	for range 2 { // a repeated page, as after a crash
		page, err := x.h.RegradePage.Handle(t.Context(), command.RegradePageInput{RegradeID: r.ID, TestID: tt.ID(), Limit: 10})
		require.NoError(t, err)
		require.Equal(t, command.RegradedPage{Seen: 1, Changed: 1, Last: a.ID(), Done: true}, page)
	}
	require.Len(t, x.graded(t), before+1, "graded again once")
	got, err := x.attempts.Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, 2.0, got.Score(), "the essay's 2 kept, the choice now wrong")
	require.NoError(t, x.h.FinishRegrade.Handle(t.Context(), command.FinishRegradeInput{RegradeID: r.ID, TestID: tt.ID(), Seen: 1, Changed: 1}))
	stored, err := x.tests.Get(t.Context(), tt.ID())
	require.NoError(t, err)
	done, err := stored.Regrade(r.ID)
	require.NoError(t, err)
	require.Equal(t, exam.RegradeDone, done.Status)
	require.Equal(t, 1, done.Changed)
	require.Equal(t, "teacher", done.By)
}
