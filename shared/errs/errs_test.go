package errs_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/errs"
)

var errCourseFull = errs.New(errs.FailedPrecondition, "course-full", "the course is full")

func TestError_Classification(t *testing.T) {
	t.Parallel()

	t.Run("a wrapped sentinel keeps its kind and compares equal", func(t *testing.T) {
		t.Parallel()
		err := fmt.Errorf("enroll s1 in c1: %w", errCourseFull.With("course_id", "c1"))
		require.ErrorIs(t, err, errCourseFull)
		require.Equal(t, errs.FailedPrecondition, errs.KindOf(err))
		e, ok := errs.As(err)
		require.True(t, ok)
		require.Equal(t, "c1", e.Fields["course_id"])
		require.Empty(t, errCourseFull.Fields, "With must not change the sentinel")
	})

	t.Run("an unclassified error is internal", func(t *testing.T) {
		t.Parallel()
		require.Equal(t, errs.Internal, errs.KindOf(errors.New("boom")))
	})

	t.Run("errors with different slugs differ", func(t *testing.T) {
		t.Parallel()
		other := errs.New(errs.FailedPrecondition, "window-closed", "enrollment is closed")
		require.NotErrorIs(t, other, errCourseFull)
	})

	t.Run("an internal error hides its cause from the message but keeps it in the chain", func(t *testing.T) {
		t.Parallel()
		cause := errors.New("connection refused")
		err := errs.Internalf("load course: %w", cause)
		require.Equal(t, "internal error", err.Message)
		require.ErrorIs(t, err, cause)
	})
}
