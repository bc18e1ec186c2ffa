package exam_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

func candidates(ids ...string) []exam.Candidate {
	out := make([]exam.Candidate, len(ids))
	for i, id := range ids {
		out[i] = exam.Candidate{Version: i + 1, Question: exam.Question{ID: id, Kind: exam.TrueFalse, Prompt: id + "?", Points: 9}}
	}
	return out
}

func withDraws(draws ...exam.Draw) exam.Content {
	c := sample()
	c.Draws = draws
	return c
}

func TestContent_Draws(t *testing.T) {
	t.Parallel()
	t.Run("count in the size and the maximum at the draw's points", func(t *testing.T) {
		t.Parallel()
		c := withDraws(exam.Draw{ID: "d1", Category: "cells", Count: 2, Points: 1.5})
		tt, err := exam.New("t1", "c1", "u1", c, t0)
		require.NoError(t, err)
		require.Equal(t, 5, tt.Current().Content.Size())
		require.InDelta(t, 13, tt.Current().Content.MaxScore(), 1e-9)
	})
	t.Run("refuses draws that are not valid or may pick the same questions", func(t *testing.T) {
		t.Parallel()
		for name, d := range map[string][]exam.Draw{
			"an id of a question": {{ID: "q1", Category: "cells", Count: 1, Points: 1}},
			"no category":         {{ID: "d1", Count: 1, Points: 1}},
			"no count":            {{ID: "d1", Category: "cells", Points: 1}},
			"no points":           {{ID: "d1", Category: "cells", Count: 1}},
			"the same category":   {{ID: "d1", Category: "cells", Count: 1, Points: 1}, {ID: "d2", Category: "cells", Tag: "x", Count: 1, Points: 1}},
			"the same id twice":   {{ID: "d1", Category: "a", Count: 1, Points: 1}, {ID: "d1", Category: "b", Count: 1, Points: 1}},
		} {
			_, err := exam.New("t1", "c1", "u1", withDraws(d...), t0)
			require.ErrorIs(t, err, exam.ErrInvalidDraw, name)
		}
	})
	t.Run("draw the same questions for the same seed, never a fixed question's id", func(t *testing.T) {
		t.Parallel()
		c := withDraws(exam.Draw{ID: "d1", Category: "cells", Count: 3, Points: 2})
		pools := [][]exam.Candidate{candidates("b1", "b2", "q1", "b3", "b4", "b5", "b6")}
		first, err := c.DrawQuestions(pools, 42)
		require.NoError(t, err)
		again, err := c.DrawQuestions(pools, 42)
		require.NoError(t, err)
		require.Equal(t, first, again)
		seen := map[string]bool{}
		for _, d := range first {
			require.NotEqual(t, "q1", d.Question.ID)
			require.InDelta(t, 2, d.Question.Points, 1e-9, "a drawn question is worth its draw's points")
			seen[d.Question.ID] = true
		}
		require.Len(t, seen, 3)
		held := c.WithDrawn(first)
		require.Empty(t, held.Draws)
		require.Len(t, held.Questions, 6)
		require.Equal(t, first[0].Question.ID, held.Questions[3].ID)
	})
	t.Run("refuse a draw larger than its pool, naming it", func(t *testing.T) {
		t.Parallel()
		c := withDraws(exam.Draw{ID: "d1", Category: "cells", Tag: "hard", Count: 3, Points: 2})
		err := c.CheckPools([][]exam.Candidate{candidates("b1", "q1", "b2")})
		e, ok := errs.As(err)
		require.True(t, ok)
		require.Equal(t, "bank-too-small", e.Slug)
		require.Equal(t, map[string]string{"draw_id": "d1", "category": "cells", "tag": "hard", "requested": "3", "available": "2"}, e.Fields)
	})
}
