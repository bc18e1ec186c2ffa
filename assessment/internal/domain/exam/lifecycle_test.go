package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func TestTest_Unpublish(t *testing.T) {
	t.Parallel()
	t.Run("takes a test nobody started back to the drafts", func(t *testing.T) {
		t.Parallel()
		tt := published(t, sample())
		require.NoError(t, tt.Unpublish(t0.Add(time.Hour)))
		require.False(t, tt.Published())
		require.True(t, tt.PublishedAt().IsZero())
		require.Equal(t, []exam.Event{exam.Unpublished{TestID: "t1", CourseID: "c1", At: t0.Add(time.Hour)}}, tt.PopEvents())
		require.NoError(t, tt.Publish(t0.Add(2*time.Hour)), "it can be published again")
	})
	t.Run("refuses once an attempt has started", func(t *testing.T) {
		t.Parallel()
		s := published(t, sample()).Snapshot()
		s.Versions[0].InUse = true
		tt := exam.Rehydrate(s)
		require.ErrorIs(t, tt.Unpublish(t0), exam.ErrHasAttempts)
		require.True(t, tt.Published())
	})
	t.Run("refuses a draft", func(t *testing.T) {
		t.Parallel()
		tt, err := exam.New("t1", "c1", "teacher", sample(), t0)
		require.NoError(t, err)
		require.ErrorIs(t, tt.Unpublish(t0), exam.ErrNotPublished)
	})
}

func TestTest_Delete(t *testing.T) {
	t.Parallel()
	t.Run("deletes a draft, once", func(t *testing.T) {
		t.Parallel()
		tt, err := exam.New("t1", "c1", "teacher", sample(), t0)
		require.NoError(t, err)
		require.NoError(t, tt.Delete(t0.Add(time.Minute)))
		require.True(t, tt.Deleted())
		require.NoError(t, tt.Delete(t0.Add(time.Hour)), "deleting again changes nothing")
		require.Equal(t, t0.Add(time.Minute), tt.DeletedAt())
		require.Equal(t, []exam.Event{exam.Deleted{TestID: "t1", CourseID: "c1", At: t0.Add(time.Minute)}}, tt.PopEvents())
	})
	t.Run("refuses a published test", func(t *testing.T) {
		t.Parallel()
		tt := published(t, sample())
		require.ErrorIs(t, tt.Delete(t0), exam.ErrPublishedNotDeleted)
		require.False(t, tt.Deleted())
	})
	t.Run("refuses a test that was taken, even unpublished", func(t *testing.T) {
		t.Parallel()
		s := published(t, sample()).Snapshot()
		s.Versions[0].InUse = true
		s.Published = false
		tt := exam.Rehydrate(s)
		require.ErrorIs(t, tt.Delete(t0), exam.ErrHasAttempts)
	})
}
