package apptest

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

// ExamRepositoryContract checks a exam.Repository; newRepo returns an empty
// one for each subtest.
func ExamRepositoryContract(t *testing.T, newRepo func(t *testing.T) exam.Repository) {
	t.Run("stores and loads a test as it was", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0)
		require.NoError(t, err)
		require.NoError(t, r.Add(t.Context(), tt))
		got, err := r.Get(t.Context(), "t1")
		require.NoError(t, err)
		require.Equal(t, tt.Snapshot(), got.Snapshot())
		_, err = r.Get(t.Context(), "nope")
		require.ErrorIs(t, err, exam.ErrNotFound)
	})
	t.Run("an edit after a version is in use makes a new version", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0)
		require.NoError(t, err)
		require.NoError(t, r.Add(t.Context(), tt))
		require.NoError(t, r.Update(t.Context(), "t1", func(t *exam.Test) error { return t.Publish(T0) }))
		require.NoError(t, r.MarkInUse(t.Context(), "t1", 1))
		require.NoError(t, r.MarkInUse(t.Context(), "t1", 1), "marking twice is harmless")
		c := SampleContent()
		c.Settings.Title = "Midterm, fixed"
		require.NoError(t, r.Update(t.Context(), "t1", func(t *exam.Test) error { return t.Edit(c, T0.Add(time.Hour)) }))
		got, err := r.Get(t.Context(), "t1")
		require.NoError(t, err)
		require.Equal(t, 2, got.Current().Number)
		v1, err := r.Version(t.Context(), "t1", 1)
		require.NoError(t, err)
		require.True(t, v1.InUse)
		require.Equal(t, "Midterm", v1.Content.Settings.Title)
		_, err = r.Version(t.Context(), "t1", 3)
		require.ErrorIs(t, err, exam.ErrUnknownVersion)
	})
	t.Run("an edit racing the first attempt never changes the version it uses", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0)
		require.NoError(t, err)
		require.NoError(t, tt.Publish(T0))
		require.NoError(t, r.Add(t.Context(), tt))
		c := SampleContent()
		c.Settings.Title = "Edited"
		calls := 0
		err = r.Update(t.Context(), "t1", func(tt *exam.Test) error {
			calls++
			if calls == 1 {
				// A student starts between the teacher's read and write.
				require.False(t, tt.Current().InUse)
				require.NoError(t, r.MarkInUse(t.Context(), "t1", 1))
			}
			return tt.Edit(c, T0.Add(time.Minute))
		})
		require.NoError(t, err)
		require.Equal(t, 2, calls, "the edit is applied again to the test as it is now")
		got, err := r.Get(t.Context(), "t1")
		require.NoError(t, err)
		v1, err := got.Version(1)
		require.NoError(t, err)
		require.Equal(t, "Midterm", v1.Content.Settings.Title, "the version in use did not change")
		require.Equal(t, 2, got.Current().Number)
		require.Equal(t, "Edited", got.Current().Content.Settings.Title)
	})
	t.Run("concurrent edits all apply", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0)
		require.NoError(t, err)
		require.NoError(t, r.Add(t.Context(), tt))
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				require.NoError(t, r.Update(t.Context(), "t1", func(t *exam.Test) error {
					c := t.Current().Content
					c.Settings.MaxAttempts++
					return t.Edit(c, T0)
				}))
			})
		}
		wg.Wait()
		got, err := r.Get(t.Context(), "t1")
		require.NoError(t, err)
		require.Equal(t, 3+8, got.Current().Content.Settings.MaxAttempts, "no edit was lost")
	})
	t.Run("a test is marked in use only while it is published", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0)
		require.NoError(t, err)
		require.NoError(t, r.Add(t.Context(), tt))
		require.NoError(t, r.MarkInUse(t.Context(), "t1", 1))
		got, err := r.Get(t.Context(), "t1")
		require.NoError(t, err)
		require.False(t, got.HasAttempts(), "a draft (or a test unpublished meanwhile) is not taken")
		require.NoError(t, r.Update(t.Context(), "t1", func(t *exam.Test) error { return t.Publish(T0) }))
		require.NoError(t, r.MarkInUse(t.Context(), "t1", 1))
		require.ErrorIs(t, r.Update(t.Context(), "t1", func(t *exam.Test) error { return t.Unpublish(T0) }), exam.ErrHasAttempts)
	})
	t.Run("a deleted test is gone", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		for _, id := range []string{"t1", "t2"} {
			tt, err := exam.New(id, "c1", "teacher", SampleContent(), T0)
			require.NoError(t, err)
			require.NoError(t, r.Add(t.Context(), tt))
		}
		require.NoError(t, r.Update(t.Context(), "t1", func(t *exam.Test) error { return t.Delete(T0) }))
		_, err := r.Get(t.Context(), "t1")
		require.ErrorIs(t, err, exam.ErrNotFound)
		_, err = r.Version(t.Context(), "t1", 1)
		require.ErrorIs(t, err, exam.ErrNotFound)
		require.ErrorIs(t, r.Update(t.Context(), "t1", func(*exam.Test) error { return nil }), exam.ErrNotFound)
		left, err := r.ListByCourses(t.Context(), []string{"c1"}, false)
		require.NoError(t, err)
		require.Equal(t, []string{"t2"}, ids(left))
	})
	t.Run("lists the tests of courses, newest first", func(t *testing.T) {
		t.Parallel()
		r := newRepo(t)
		for i, id := range []string{"t1", "t2", "t3"} {
			course := "c1"
			if id == "t3" {
				course = "c2"
			}
			tt, err := exam.New(id, course, "teacher", SampleContent(), T0.Add(time.Duration(i)*time.Minute))
			require.NoError(t, err)
			if id != "t2" {
				require.NoError(t, tt.Publish(T0))
			}
			require.NoError(t, r.Add(t.Context(), tt))
		}
		all, err := r.ListByCourses(t.Context(), []string{"c1", "c2"}, false)
		require.NoError(t, err)
		require.Equal(t, []string{"t3", "t2", "t1"}, ids(all))
		pub, err := r.ListByCourses(t.Context(), []string{"c1"}, true)
		require.NoError(t, err)
		require.Equal(t, []string{"t1"}, ids(pub))
	})
}

func ids(ts []*exam.Test) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.ID())
	}
	return out
}
