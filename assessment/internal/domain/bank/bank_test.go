package bank_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

var now = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func entry(id, category string, tags ...string) bank.Entry {
	return bank.Entry{Category: category, Tags: tags, Question: exam.Question{
		ID: id, Kind: exam.TrueFalse, Prompt: "Is " + id + " true?", Points: 1, Truth: true,
	}}
}

func TestBank_Put(t *testing.T) {
	t.Parallel()
	t.Run("an edit makes a new version and the same entry again changes nothing", func(t *testing.T) {
		t.Parallel()
		b := bank.New("c1")
		out, err := b.Put(entry("q1", "cells"), "t1", now)
		require.NoError(t, err)
		require.True(t, out.Created)
		e := entry("q1", "cells", "easy")
		out, err = b.Put(e, "t2", now.Add(time.Minute))
		require.NoError(t, err)
		require.True(t, out.Changed)
		require.Len(t, out.Question.Versions, 2)
		require.Equal(t, "t2", out.Question.Current().CreatedBy)
		out, err = b.Put(e, "t2", now.Add(2*time.Minute))
		require.NoError(t, err)
		require.False(t, out.Changed)
		q, err := b.Question("q1")
		require.NoError(t, err)
		require.Len(t, q.Versions, 2)
		require.False(t, q.Versions[0].Entry.Question.Prompt != q.Versions[1].Entry.Question.Prompt)
	})
	t.Run("refuses a question a test would refuse, and bad categories and tags", func(t *testing.T) {
		t.Parallel()
		b := bank.New("c1")
		bad := entry("q1", "cells")
		bad.Question.Points = 0
		_, err := b.Put(bad, "t1", now)
		require.ErrorIs(t, err, exam.ErrInvalidQuestion)
		_, err = b.Put(entry("q1", " cells"), "t1", now)
		require.ErrorIs(t, err, bank.ErrInvalidEntry)
		_, err = b.Put(entry("q1", "cells", "a", "a"), "t1", now)
		require.ErrorIs(t, err, bank.ErrInvalidEntry)
		require.Empty(t, b.Questions())
	})
}

func TestBank_Import(t *testing.T) {
	t.Parallel()
	t.Run("is all or nothing and names the item and why", func(t *testing.T) {
		t.Parallel()
		b := bank.New("c1")
		_, err := b.Put(entry("q0", "cells"), "t1", now)
		require.NoError(t, err)
		bad := entry("q2", "cells")
		bad.Question.Kind = "riddle"
		_, err = b.Import([]bank.Entry{entry("q1", "cells"), entry("q0", "organs"), bad}, "t1", now)
		e, ok := errs.As(err)
		require.True(t, ok)
		require.Equal(t, "invalid-bank-import", e.Slug)
		require.Equal(t, "2", e.Fields["item"])
		require.Contains(t, e.Fields["reason"], "riddle")
		require.Len(t, b.Questions(), 1)
		q, _ := b.Question("q0")
		require.Equal(t, "cells", q.Current().Entry.Category)

		_, err = b.Import([]bank.Entry{entry("q1", "cells"), entry("q1", "organs")}, "t1", now)
		e, _ = errs.As(err)
		require.Equal(t, "1", e.Fields["item"])
	})
	t.Run("counts created, updated and unchanged questions", func(t *testing.T) {
		t.Parallel()
		b := bank.New("c1")
		_, err := b.Put(entry("q0", "cells"), "t1", now)
		require.NoError(t, err)
		_, err = b.Put(entry("q9", "cells"), "t1", now)
		require.NoError(t, err)
		sum, err := b.Import([]bank.Entry{entry("q0", "cells"), entry("q9", "organs"), entry("q1", "cells")}, "t1", now)
		require.NoError(t, err)
		require.Equal(t, bank.ImportSummary{Created: 1, Updated: 1, Unchanged: 1}, sum)
	})
}

func TestBank_Pools(t *testing.T) {
	t.Parallel()
	b := bank.New("c1")
	for _, e := range []bank.Entry{entry("a", "cells", "easy"), entry("b", "cells"), entry("c", "organs", "easy"), entry("d", "cells", "easy")} {
		_, err := b.Put(e, "t1", now)
		require.NoError(t, err)
	}
	_, err := b.Retire("d", now)
	require.NoError(t, err)
	pools := b.Pools([]exam.Draw{{ID: "x", Category: "cells"}, {ID: "y", Category: "cells", Tag: "easy"}})
	ids := func(p []exam.Candidate) (out []string) {
		for _, c := range p {
			out = append(out, c.Question.ID)
		}
		return out
	}
	require.Equal(t, []string{"a", "b"}, ids(pools[0]), "retired questions are not drawn")
	require.Equal(t, []string{"a"}, ids(pools[1]))
}
