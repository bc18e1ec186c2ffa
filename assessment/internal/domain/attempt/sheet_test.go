package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

func TestSheet_CheckAnswer(t *testing.T) {
	t.Parallel()
	c := content()
	c.Draws = []exam.Draw{{ID: "d1", Category: "cells", Count: 1, Points: 4}}
	tt := publishedTest(t, c)
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 9, Now: t0, Pools: bankPool("b1", "b2")})
	require.NoError(t, err)
	sheet := a.Sheet()
	require.Equal(t, attempt.Sheet{ID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1", Version: 1, Drawn: a.Drawn()}, sheet)
	drawn, undrawn := a.Drawn()[0].Question.ID, "b1"
	if drawn == "b1" {
		undrawn = "b2"
	}
	yes := true

	t.Run("checks answers as the attempt does and stamps them", func(t *testing.T) {
		t.Parallel()
		at := t0.Add(time.Minute)
		saved, err := sheet.CheckAnswer(tt.Current(), "q1", pick("b"), at)
		require.NoError(t, err)
		require.Equal(t, attempt.SavedAnswer{Answer: pick("b"), SavedAt: at}, saved)
		_, err = sheet.CheckAnswer(tt.Current(), drawn, exam.Answer{Bool: &yes}, at)
		require.NoError(t, err, "a question drawn for her is on her sheet")
		_, err = sheet.CheckAnswer(tt.Current(), undrawn, exam.Answer{Bool: &yes}, at)
		require.ErrorIs(t, err, exam.ErrUnknownQuestion, "one drawn for others is not")
		requireSlug(t, func() error { _, err := sheet.CheckAnswer(tt.Current(), "q1", pick("z"), at); return err }(), "invalid-answer")
		requireSlug(t, func() error { _, err := sheet.CheckAnswer(tt.Current(), "q9", pick("b"), at); return err }(), "question-not-found")
	})
	t.Run("refuses another version of the test", func(t *testing.T) {
		t.Parallel()
		v := tt.Current()
		v.Number++
		_, err := sheet.CheckAnswer(v, "q1", pick("b"), t0)
		require.ErrorIs(t, err, attempt.ErrVersionMismatch)
	})
	t.Run("leaves whether the attempt is open to the write: a submission changes no sheet", func(t *testing.T) {
		t.Parallel()
		a := attempt.Rehydrate(a.Snapshot())
		_, err := a.Submit(tt.Current(), attempt.ByStudent, t0.Add(time.Minute))
		require.NoError(t, err)
		require.Equal(t, sheet, a.Sheet())
		_, err = a.SaveAnswer(tt.Current(), "q1", pick("b"), t0.Add(2*time.Minute))
		requireSlug(t, err, "attempt-not-in-progress")
	})
}
