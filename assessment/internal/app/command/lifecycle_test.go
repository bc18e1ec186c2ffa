package command_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

func TestUnpublishTest(t *testing.T) {
	t.Parallel()
	t.Run("takes an untaken test back; its students no longer start it", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		_, err := x.h.UnpublishTest.Handle(t.Context(), command.UnpublishTestInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "forbidden")
		_, err = x.h.UnpublishTest.Handle(t.Context(), command.UnpublishTestInput{Caller: other, TestID: tt.ID()})
		requireSlug(t, err, "test-not-found")
		got, err := x.h.UnpublishTest.Handle(t.Context(), command.UnpublishTestInput{Caller: teacher, TestID: tt.ID()})
		require.NoError(t, err)
		require.False(t, got.Published())
		require.IsType(t, exam.Unpublished{}, x.tests.Events()[len(x.tests.Events())-1])
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "test-not-found")
	})
	t.Run("refuses once a student started", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		_, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		_, err = x.h.UnpublishTest.Handle(t.Context(), command.UnpublishTestInput{Caller: teacher, TestID: tt.ID()})
		requireSlug(t, err, "test-has-attempts")
	})
}

func TestDeleteTest(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	requireSlug(t, x.h.DeleteTest.Handle(t.Context(), command.DeleteTestInput{Caller: teacher, TestID: tt.ID()}), "test-published")
	_, err := x.h.UnpublishTest.Handle(t.Context(), command.UnpublishTestInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	requireSlug(t, x.h.DeleteTest.Handle(t.Context(), command.DeleteTestInput{Caller: alice, TestID: tt.ID()}), "forbidden")
	requireSlug(t, x.h.DeleteTest.Handle(t.Context(), command.DeleteTestInput{Caller: other, TestID: tt.ID()}), "test-not-found")
	require.NoError(t, x.h.DeleteTest.Handle(t.Context(), command.DeleteTestInput{Caller: teacher, TestID: tt.ID()}))
	_, err = x.tests.Get(t.Context(), tt.ID())
	require.ErrorIs(t, err, exam.ErrNotFound)
	requireSlug(t, x.h.DeleteTest.Handle(t.Context(), command.DeleteTestInput{Caller: teacher, TestID: tt.ID()}), "test-not-found")
}

func TestRoleRefusals(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)

	_, err = x.h.GradeAttempt.Handle(t.Context(), command.GradeAttemptInput{Caller: alice, AttemptID: a.ID()})
	requireSlug(t, err, "forbidden") // she sees her attempt, but does not grade it
	_, err = x.h.GradeAttempt.Handle(t.Context(), command.GradeAttemptInput{Caller: other, AttemptID: a.ID()})
	requireSlug(t, err, "attempt-not-found")
	_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: teacher, TestID: tt.ID()})
	requireSlug(t, err, "forbidden") // a teacher's role takes no tests
	both := caller.Caller{UserID: "teacher", Roles: []string{access.RoleTeacher, access.RoleStudent}}
	_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: both, TestID: tt.ID()})
	requireSlug(t, err, "forbidden") // she teaches it: she sees it, but does not take it
	_, err = x.h.SaveAnswer.Handle(t.Context(), command.SaveAnswerInput{Caller: both, AttemptID: a.ID(), QuestionID: "q2", Answer: exam.Answer{Text: "x"}})
	requireSlug(t, err, "forbidden")
	_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: bob, AttemptID: a.ID()})
	requireSlug(t, err, "attempt-not-found")
	_, err = x.h.EditTest.Handle(t.Context(), command.EditTestInput{Caller: alice, TestID: tt.ID(), Content: content()})
	requireSlug(t, err, "forbidden")
	_, err = x.h.ReleaseResults.Handle(t.Context(), command.ReleaseResultsInput{Caller: alice, TestID: "no-such-test"})
	requireSlug(t, err, "forbidden") // decided by her role alone: it reveals nothing
}
