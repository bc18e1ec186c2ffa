package apptest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

// AttemptRepositoryContract checks an attempt.Repository; newRepos returns
// an empty one, with the test repository its attempts' tests live in, for
// each subtest.
func AttemptRepositoryContract(t *testing.T, newRepos func(t *testing.T) (attempt.Repository, exam.Repository)) {
	// setup stores a published test in use and returns its current version.
	setup := func(t *testing.T) (attempt.Repository, *exam.Test) {
		t.Helper()
		attempts, tests := newRepos(t)
		c := SampleContent()
		c.Settings.MaxAttempts = 0
		tt, err := exam.New("t1", "c1", "teacher", c, T0.Add(-time.Hour))
		require.NoError(t, err)
		require.NoError(t, tt.Publish(T0.Add(-time.Hour)))
		require.NoError(t, tests.Add(t.Context(), tt))
		require.NoError(t, tests.MarkInUse(t.Context(), "t1", 1))
		tt, err = tests.Get(t.Context(), "t1")
		require.NoError(t, err)
		return attempts, tt
	}
	startAt := func(t *testing.T, tt *exam.Test, id, student string, number int, at time.Time) *attempt.Attempt {
		t.Helper()
		a, err := attempt.Start(attempt.StartParams{ID: id, Test: tt, StudentID: student, Number: number, Seed: 1<<63 + 5, Now: at})
		require.NoError(t, err)
		return a
	}
	start := func(t *testing.T, tt *exam.Test, id, student string, number int) *attempt.Attempt {
		t.Helper()
		a, err := attempt.Start(attempt.StartParams{ID: id, Test: tt, StudentID: student, Number: number, Seed: 1<<63 + 5, Now: T0})
		require.NoError(t, err)
		return a
	}
	answer := func(opt string) attempt.SavedAnswer {
		return attempt.SavedAnswer{Answer: exam.Answer{Options: []string{opt}}, SavedAt: T0.Add(time.Minute)}
	}

	t.Run("keeps the questions drawn from the bank and the student's close", func(t *testing.T) {
		t.Parallel()
		r, tests := newRepos(t)
		c := SampleContent()
		c.Draws = []exam.Draw{{ID: "cells", Category: "cells", Tag: "hard", Count: 2, Points: 1.5}}
		tt, err := exam.New("t2", "c1", "teacher", c, T0.Add(-time.Hour))
		require.NoError(t, err)
		require.NoError(t, tt.Publish(T0.Add(-time.Hour)))
		require.NoError(t, tests.Add(t.Context(), tt))
		var pool []exam.Candidate
		for i, q := range SampleContent().Questions {
			q.ID = "bank-" + q.ID
			pool = append(pool, exam.Candidate{Version: i + 1, Question: q})
		}
		a, err := attempt.Start(attempt.StartParams{ID: "a2", Test: tt, StudentID: "s1", Number: 1, Seed: 99, Now: T0,
			Pools: [][]exam.Candidate{pool}})
		require.NoError(t, err)
		require.Len(t, a.Drawn(), 2)
		require.NoError(t, r.Add(t.Context(), a))
		got, err := r.Get(t.Context(), "a2")
		require.NoError(t, err)
		require.Equal(t, a.Snapshot(), got.Snapshot())
		require.True(t, got.Closes().Equal(c.Settings.Closes))
		sheet, err := r.Sheet(t.Context(), "a2")
		require.NoError(t, err)
		require.Equal(t, a.Sheet(), sheet, "the sheet holds the questions drawn for her")
	})
	t.Run("a sheet is the attempt's, read or kept, whatever happened to the attempt since", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		a := start(t, tt, "a1", "s1", 1)
		require.NoError(t, r.Add(t.Context(), a))
		want := attempt.Sheet{ID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1", Version: 1}
		sheet, err := r.Sheet(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, want, sheet)
		require.NoError(t, r.SaveAnswer(t.Context(), "a1", "single", answer("a"), T0.Add(time.Minute)))
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			_, err := a.Submit(tt.Current(), attempt.ByStudent, T0.Add(2*time.Minute))
			return err
		}))
		sheet, err = r.Sheet(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, want, sheet, "a save and a submission change no sheet")
		_, err = r.Sheet(t.Context(), "nope")
		require.ErrorIs(t, err, attempt.ErrNotFound)
	})
	t.Run("stores and loads an attempt as it was", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		a := start(t, tt, "a1", "s1", 1)
		require.NoError(t, r.Add(t.Context(), a))
		got, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, a.Snapshot(), got.Snapshot())
		_, err = r.Get(t.Context(), "nope")
		require.ErrorIs(t, err, attempt.ErrNotFound)
	})
	t.Run("answers of every shape load as saved", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a1", "s1", 1)))
		yes, pi := true, 3.1416
		saved := map[string]exam.Answer{
			"single": {Options: []string{"b"}}, "multi": {Options: []string{"a", "c"}}, "tf": {Bool: &yes},
			"short": {Text: "Paris"}, "num": {Number: &pi}, "essay": {Text: "Because."},
			"match":  {Matches: map[string]string{"fr": "Paris", "it": "Lyon"}},
			"order":  {Order: []string{"Byzantium", "Rome", "Venice", "Italy"}},
			"blanks": {Gaps: map[string]string{"temp": " 100 ", "where": "Sea"}},
		}
		for qid, ans := range saved {
			require.NoError(t, ans.Check(mustQuestion(t, tt, qid)))
			require.NoError(t, r.SaveAnswer(t.Context(), "a1", qid, attempt.SavedAnswer{Answer: ans, SavedAt: T0.Add(time.Minute)}, T0.Add(time.Minute)))
		}
		got, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		for qid, ans := range saved {
			require.Equal(t, ans, got.Answers()[qid].Answer, qid)
		}
	})
	t.Run("a graded attempt loads with every result", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		// Started half an hour before the close, submitted ten minutes after it.
		require.NoError(t, r.Add(t.Context(), startAt(t, tt, "a1", "s1", 1, T0.Add(47*time.Hour+30*time.Minute))))
		require.NoError(t, r.SaveAnswer(t.Context(), "a1", "single", answer("b"), T0.Add(47*time.Hour+31*time.Minute)))
		var want attempt.Snapshot
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			v := tt.Current()
			if _, err := a.Submit(v, attempt.ByStudent, T0.Add(48*time.Hour+10*time.Minute)); err != nil {
				return err
			}
			if _, err := a.AutoGrade(v); err != nil {
				return err
			}
			if err := a.Grade(v, []attempt.ManualGrade{{QuestionID: "essay", Score: 7.5, Feedback: "Well argued."}}, "teacher", "", T0.Add(50*time.Hour)); err != nil {
				return err
			}
			if _, err := a.Finalize(v, T0.Add(50*time.Hour)); err != nil {
				return err
			}
			want = a.Snapshot()
			return nil
		}))
		got, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, want, got.Snapshot())
		require.True(t, got.Late())
		require.Equal(t, 8.55, got.Score(), "9.5 less the 10% late penalty")

		// A release and a regrade are kept by a later update.
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			if _, err := a.ReleaseResults(T0.Add(51 * time.Hour)); err != nil {
				return err
			}
			if err := a.Grade(tt.Current(), []attempt.ManualGrade{{QuestionID: "essay", Score: 5}}, "teacher", "second marker", T0.Add(52*time.Hour)); err != nil {
				return err
			}
			want = a.Snapshot()
			return nil
		}))
		got, err = r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, want, got.Snapshot())
		require.Equal(t, T0.Add(51*time.Hour), got.ReleasedAt())
		require.Len(t, got.Regrades(), 1)
	})
	t.Run("refuses a second attempt in progress, even from concurrent starts", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		var ok, inProgress atomic.Int32
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Go(func() {
				err := r.Add(t.Context(), start(t, tt, fmt.Sprintf("a%d", i), "s1", i+1))
				switch {
				case err == nil:
					ok.Add(1)
				case errs.KindOf(err) == errs.FailedPrecondition:
					require.ErrorIs(t, err, attempt.ErrInProgress)
					inProgress.Add(1)
				default:
					require.NoError(t, err)
				}
			})
		}
		wg.Wait()
		require.Equal(t, int32(1), ok.Load())
		require.Equal(t, int32(9), inProgress.Load())
	})
	t.Run("refuses a second attempt with the same number", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a1", "s1", 1)))
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			_, err := a.Submit(tt.Current(), attempt.ByStudent, T0.Add(time.Minute))
			return err
		}))
		require.ErrorIs(t, r.Add(t.Context(), start(t, tt, "a2", "s1", 1)), attempt.ErrNumberTaken)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a3", "s1", 2)), "after a submission the next attempt may start")
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a4", "s2", 1)), "another student's attempt is another matter")
		list, err := r.ListByStudent(t.Context(), "t1", "s1")
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, []int{1, 2}, []int{list[0].Number(), list[1].Number()})
		all, err := r.ListByTest(t.Context(), "t1")
		require.NoError(t, err)
		require.Len(t, all, 3)
	})
	t.Run("a save after the deadline is refused and changes nothing", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a1", "s1", 1)))
		require.NoError(t, r.SaveAnswer(t.Context(), "a1", "single", answer("a"), T0.Add(59*time.Minute)))
		err := r.SaveAnswer(t.Context(), "a1", "single", answer("b"), T0.Add(time.Hour))
		require.ErrorIs(t, err, attempt.ErrDeadlinePassed)
		got, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Equal(t, []string{"a"}, got.Answers()["single"].Answer.Options)
	})
	t.Run("a save after submission is refused", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a1", "s1", 1)))
		require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
			_, err := a.Submit(tt.Current(), attempt.ByStudent, T0.Add(time.Minute))
			return err
		}))
		require.ErrorIs(t, r.SaveAnswer(t.Context(), "a1", "single", answer("b"), T0.Add(2*time.Minute)), attempt.ErrNotInProgress)
		require.ErrorIs(t, r.SaveAnswer(t.Context(), "nope", "single", answer("b"), T0), attempt.ErrNotFound)
	})
	t.Run("concurrent saves of different questions and a submission lose nothing", func(t *testing.T) {
		t.Parallel()
		r, tt := setup(t)
		require.NoError(t, r.Add(t.Context(), start(t, tt, "a1", "s1", 1)))
		questions := []string{"single", "multi", "tf", "short", "num", "essay"}
		var wg sync.WaitGroup
		for round := range 5 {
			for _, q := range questions {
				wg.Go(func() {
					ans := attempt.SavedAnswer{Answer: exam.Answer{Text: fmt.Sprintf("%s-%d", q, round)}, SavedAt: T0}
					require.NoError(t, r.SaveAnswer(t.Context(), "a1", q, ans, T0.Add(time.Minute)))
				})
			}
		}
		// An aggregate write racing the saves must not drop any of them.
		wg.Go(func() {
			require.NoError(t, r.Update(t.Context(), "a1", func(a *attempt.Attempt) error {
				a.RecordOverdue(attempt.OverdueReminder)
				return nil
			}))
		})
		wg.Wait()
		got, err := r.Get(t.Context(), "a1")
		require.NoError(t, err)
		require.Len(t, got.Answers(), len(questions), "every question's answer is there")
	})
}

func mustQuestion(t *testing.T, tt *exam.Test, id string) exam.Question {
	t.Helper()
	q, ok := tt.Current().Content.Question(id)
	require.True(t, ok, id)
	return q
}
