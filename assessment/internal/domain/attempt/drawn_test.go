package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

func bankPool(ids ...string) [][]exam.Candidate {
	var pool []exam.Candidate
	for _, id := range ids {
		pool = append(pool, exam.Candidate{Version: 3, Question: exam.Question{ID: id, Kind: exam.TrueFalse, Prompt: id + "?", Points: 7, Truth: true}})
	}
	return [][]exam.Candidate{pool}
}

func TestAttempt_Drawn(t *testing.T) {
	t.Parallel()
	c := content()
	c.Draws = []exam.Draw{{ID: "d1", Category: "cells", Count: 2, Points: 4}}
	tt := publishedTest(t, c)
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 9, Now: t0, Pools: bankPool("b1", "b2", "b3")})
	require.NoError(t, err)
	drawn := a.Drawn()
	require.Len(t, drawn, 2)
	require.Equal(t, 3, drawn[0].Version)

	t.Run("holds the drawn questions, graded at their draw's points", func(t *testing.T) {
		t.Parallel()
		a := attempt.Rehydrate(a.Snapshot())
		v, err := a.Paper(tt.Current())
		require.NoError(t, err)
		require.Len(t, v.Content.Questions, 5)
		yes := true
		_, err = a.SaveAnswer(tt.Current(), drawn[0].Question.ID, exam.Answer{Bool: &yes}, t0.Add(time.Minute))
		require.NoError(t, err)
		_, err = a.Submit(tt.Current(), attempt.ByStudent, t0.Add(2*time.Minute))
		require.NoError(t, err)
		_, err = a.AutoGrade(tt.Current())
		require.NoError(t, err)
		r := a.Results()[drawn[0].Question.ID]
		require.InDelta(t, 4, r.Score(), 1e-9)
		require.InDelta(t, 4, a.Results()[drawn[1].Question.ID].Max, 1e-9)
	})
	t.Run("refuses an answer to a bank question it did not draw", func(t *testing.T) {
		t.Parallel()
		a := attempt.Rehydrate(a.Snapshot())
		other := map[string]bool{"b1": true, "b2": true, "b3": true}
		for _, d := range drawn {
			delete(other, d.Question.ID)
		}
		yes := true
		for id := range other {
			_, err := a.SaveAnswer(tt.Current(), id, exam.Answer{Bool: &yes}, t0.Add(time.Minute))
			require.ErrorIs(t, err, exam.ErrUnknownQuestion)
		}
	})
}

func TestAttempt_LateFromHerOwnClose(t *testing.T) {
	t.Parallel()
	c := content()
	c.Settings.Closes = t0.Add(time.Hour)
	c.Settings.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 50}
	c.Settings.TimeLimit = 0 // untimed: the submission counts when made
	tt := publishedTest(t, c)
	later := t0.Add(3 * time.Hour)
	for name, tc := range map[string]struct {
		terms     accommodation.Terms
		movedTo   time.Time
		submitted time.Time
		late      bool
	}{
		"after the test's close, before hers":       {terms: accommodation.Terms{Closes: later}, submitted: t0.Add(2 * time.Hour)},
		"after her close":                           {terms: accommodation.Terms{Closes: later}, submitted: later.Add(time.Minute), late: true},
		"after the test's close without terms":      {submitted: t0.Add(2 * time.Hour), late: true},
		"before a close granted while she worked":   {movedTo: later, submitted: t0.Add(2 * time.Hour)},
		"after the test's close when moved earlier": {terms: accommodation.Terms{Closes: later}, movedTo: t0, submitted: later.Add(time.Minute), late: true},
	} {
		a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 9, Now: t0.Add(30 * time.Minute), Terms: tc.terms})
		require.NoError(t, err, name)
		a.MoveClose(tc.movedTo)
		_, err = a.Submit(tt.Current(), attempt.ByStudent, tc.submitted)
		require.NoError(t, err, name)
		require.Equal(t, tc.late, a.Late(), name)
	}
}

// TestAttempt_ApplyFixKeepsTheDrawnQuestions: a regrade of a fixed
// question regrades an attempt with drawn questions against its own
// copies: the drawn scores stay, the fixed question's changes.
func TestAttempt_ApplyFixKeepsTheDrawnQuestions(t *testing.T) {
	t.Parallel()
	c := content()
	c.Questions = c.Questions[:2] // the choice and the numeric: no essay to wait for
	c.Settings.PassingScore = 1
	c.Draws = []exam.Draw{{ID: "d1", Category: "cells", Count: 2, Points: 4}}
	tt := publishedTest(t, c)
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 9, Now: t0, Pools: bankPool("b1", "b2", "b3")})
	require.NoError(t, err)
	yes := true
	v := tt.Current()
	for _, d := range a.Drawn() {
		_, err := a.SaveAnswer(v, d.Question.ID, exam.Answer{Bool: &yes}, t0.Add(time.Minute))
		require.NoError(t, err)
	}
	_, err = a.SaveAnswer(v, "q2", num(3.0), t0.Add(time.Minute))
	require.NoError(t, err)
	_, err = a.Submit(v, attempt.ByStudent, t0.Add(2*time.Minute))
	require.NoError(t, err)
	_, err = a.Finalize(v, t0.Add(3*time.Minute))
	require.NoError(t, err)
	require.InDelta(t, 8, a.Score(), 1e-9, "two drawn statements right, pi missed")

	q2, _ := c.Question("q2")
	q2.Value, q2.Tolerance = 3, 0.5
	require.NoError(t, tt.Fix("r1", q2, "teacher", "a coarser tolerance", t0.Add(time.Hour)))
	fixedV, err := tt.GradingVersion(1)
	require.NoError(t, err)
	out, err := a.ApplyFix("r1", fixedV, "teacher", "a coarser tolerance", t0.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, attempt.FixOutcome{Changed: true, Previous: 8, Score: 11}, out)
	for _, d := range a.Drawn() {
		require.InDelta(t, 4, a.Results()[d.Question.ID].Score(), 1e-9, "the drawn questions keep their scores")
	}
}
