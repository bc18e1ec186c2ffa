package apptest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

// BankRepositoryContract checks a bank.Repository: a course without a bank
// reads an empty one; every version, category, tag and key survives a
// round trip; a failed change writes nothing; banks of courses are apart.
func BankRepositoryContract(t *testing.T, newRepo func(*testing.T) bank.Repository) {
	t.Helper()
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	entry := func(id, category string, tags ...string) bank.Entry {
		return bank.Entry{Category: category, Tags: tags, Question: exam.Question{
			ID: id, Kind: exam.SingleChoice, Prompt: "Which " + id + "?", Points: 2, Feedback: "see chapter 2",
			Options: []exam.Option{{ID: "a", Text: "one", Correct: true}, {ID: "b", Text: "two"}},
		}}
	}
	t.Run("a course without a bank has an empty one", func(t *testing.T) {
		t.Parallel()
		b, err := newRepo(t).Get(t.Context(), "c-none")
		require.NoError(t, err)
		require.Equal(t, "c-none", b.CourseID())
		require.Empty(t, b.Questions())
	})
	t.Run("keeps every version as written", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		ctx := t.Context()
		require.NoError(t, r.Update(ctx, "c1", func(b *bank.Bank) error {
			_, err := b.Put(entry("q1", "cells", "hard", "easy"), "t1", at)
			return err
		}))
		edited := entry("q1", "organs")
		edited.Question.Options[1].Correct, edited.Question.Options[0].Correct = true, false
		require.NoError(t, r.Update(ctx, "c1", func(b *bank.Bank) error {
			_, err := b.Put(edited, "t2", at.Add(time.Minute))
			return err
		}))
		require.NoError(t, r.Update(ctx, "c2", func(b *bank.Bank) error {
			_, err := b.Put(entry("q9", "cells"), "t1", at)
			return err
		}))
		b, err := r.Get(ctx, "c1")
		require.NoError(t, err)
		q, err := b.Question("q1")
		require.NoError(t, err)
		require.Len(t, q.Versions, 2)
		v1, v2 := q.Versions[0], q.Versions[1]
		require.Equal(t, []string{"easy", "hard"}, v1.Entry.Tags)
		require.Equal(t, "cells", v1.Entry.Category)
		require.True(t, v1.Entry.Question.Options[0].Correct)
		require.Equal(t, "organs", v2.Entry.Category)
		require.True(t, v2.Entry.Question.Options[1].Correct)
		require.Equal(t, "t2", v2.CreatedBy)
		require.True(t, v2.CreatedAt.Equal(at.Add(time.Minute)))
		require.Equal(t, "see chapter 2", v2.Entry.Question.Feedback)
		_, err = b.Question("q9")
		require.ErrorIs(t, err, bank.ErrNotFound, "banks of courses are apart")
	})
	t.Run("a refused change writes nothing", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		ctx := t.Context()
		require.NoError(t, r.Update(ctx, "c1", func(b *bank.Bank) error {
			_, err := b.Put(entry("q1", "cells"), "t1", at)
			return err
		}))
		bad := entry("q3", "cells")
		bad.Question.Options = nil
		err := r.Update(ctx, "c1", func(b *bank.Bank) error {
			_, err := b.Import([]bank.Entry{entry("q2", "cells"), bad}, "t1", at)
			return err
		})
		require.ErrorIs(t, err, bank.ErrInvalidImport)
		b, err := r.Get(ctx, "c1")
		require.NoError(t, err)
		require.Len(t, b.Questions(), 1)
	})
}
