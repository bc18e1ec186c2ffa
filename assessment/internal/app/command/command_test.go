package command_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
	"lms/shared/errs"
)

var t0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

var (
	teacher = caller.Caller{UserID: "teacher", Roles: []string{access.RoleTeacher}}
	other   = caller.Caller{UserID: "other-teacher", Roles: []string{access.RoleTeacher}}
	alice   = caller.Caller{UserID: "alice", Roles: []string{access.RoleStudent}}
	bob     = caller.Caller{UserID: "bob", Roles: []string{access.RoleStudent}}
)

type harness struct {
	h        app.Commands
	tests    *apptest.Tests
	attempts *apptest.Attempts
	roster   *apptest.Roster
	clock    *apptest.Clock
	// accommodations are students' terms at tests.
	accommodations *apptest.Accommodations
}

// newHarness has course c1 taught by teacher, alice enrolled, bob not.
func newHarness(t *testing.T) *harness {
	t.Helper()
	x := &harness{tests: apptest.NewTests(), attempts: apptest.NewAttempts(), roster: apptest.NewRoster(), clock: apptest.NewClock(t0),
		accommodations: apptest.NewAccommodations()}
	x.h = app.New(app.Deps{
		Tests: x.tests, Attempts: x.attempts, Accommodations: x.accommodations,
		Roster: x.roster, Recorder: x.roster, Clock: x.clock, IDs: &apptest.IDs{},
	}, nil).Commands
	ctx := context.Background()
	require.NoError(t, x.roster.RecordCourse(ctx, "e1", "c1", "teacher", false, t0))
	require.NoError(t, x.roster.RecordEnrollment(ctx, "e2", "c1", "alice", access.EnrollmentActive, t0))
	return x
}

func content() exam.Content {
	return exam.Content{
		Settings: exam.Settings{Title: "Quiz", TimeLimit: 30 * time.Minute, MaxAttempts: 2, PassingScore: 3},
		Questions: []exam.Question{
			{ID: "q1", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 2, Options: []exam.Option{{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true}}},
			{ID: "q2", Kind: exam.Essay, Prompt: "Why?", Points: 3},
		},
	}
}

// published creates and publishes a test of c1 with c.
func (x *harness) published(t *testing.T, c exam.Content) *exam.Test {
	t.Helper()
	tt, err := x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: c})
	require.NoError(t, err)
	tt, err = x.h.PublishTest.Handle(t.Context(), command.PublishTestInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	return tt
}

// answered starts alice's attempt at a published test with c and answers
// q1 rightly.
func (x *harness) answered(t *testing.T, c exam.Content) (*exam.Test, *attempt.Attempt) {
	t.Helper()
	tt := x.published(t, c)
	a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	_, err = x.h.SaveAnswer.Handle(t.Context(), command.SaveAnswerInput{Caller: alice, AttemptID: a.ID(), QuestionID: "q1", Answer: exam.Answer{Options: []string{"b"}}})
	require.NoError(t, err)
	return tt, a
}

func requireSlug(t *testing.T, err error, slug string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v is not classified", err)
	require.Equal(t, slug, e.Slug, "%v", err)
}

func TestCreateTest(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	c := content()
	c.Questions[0].ID, c.Questions[0].Options[0].ID = "", ""
	tt, err := x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: c})
	require.NoError(t, err)
	q := tt.Current().Content.Questions[0]
	require.NotEmpty(t, q.ID, "a question without an id gets one")
	require.NotEmpty(t, q.Options[0].ID)

	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: other, CourseID: "c1", Content: content()})
	requireSlug(t, err, "course-not-found")
	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: alice, CourseID: "c1", Content: content()})
	requireSlug(t, err, "forbidden") // her role does not write tests, whatever the course
	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "not-a-course", Content: content()})
	requireSlug(t, err, "course-not-found")
	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "0196e3a1-7b2c-7d4e-8f00-123456789abc", Content: content()})
	requireSlug(t, err, "course-not-known-yet") // a course id assessment has not heard of yet
	admin := caller.Caller{UserID: "root", Roles: []string{access.RoleAdmin}}
	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: admin, CourseID: "c1", Content: content()})
	require.NoError(t, err, "an administrator may write tests for any course")

	require.NoError(t, x.roster.RecordCourse(t.Context(), "e9", "c1", "", true, t0.Add(time.Hour)))
	_, err = x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: content()})
	requireSlug(t, err, "course-archived")
}

func TestPublishAndEdit(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	require.Len(t, x.tests.Events(), 1)

	_, err := x.h.PublishTest.Handle(t.Context(), command.PublishTestInput{Caller: other, TestID: tt.ID()})
	requireSlug(t, err, "test-not-found")

	_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	c := content()
	c.Questions[0].Points = 4
	edited, err := x.h.EditTest.Handle(t.Context(), command.EditTestInput{Caller: teacher, TestID: tt.ID(), Content: c})
	require.NoError(t, err)
	require.Equal(t, 2, edited.Current().Number, "a version in use is not edited in place")
	v1, err := x.tests.Version(t.Context(), tt.ID(), 1)
	require.NoError(t, err)
	require.Equal(t, 2.0, v1.Content.Questions[0].Points)
}

func TestStartAttempt(t *testing.T) {
	t.Parallel()
	t.Run("starts the next attempt and stores the start", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		require.Equal(t, 1, a.Number())
		require.Equal(t, t0.Add(30*time.Minute), a.Deadline())
		require.IsType(t, attempt.Started{}, x.attempts.Events()[0])
		got, err := x.tests.Get(t.Context(), tt.ID())
		require.NoError(t, err)
		require.True(t, got.Current().InUse)
	})
	t.Run("refuses one while another is in progress, naming it", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "attempt-in-progress")
		e, _ := errs.As(err)
		require.Equal(t, a.ID(), e.Fields["attempt_id"])
	})
	t.Run("numbers a retake after the earlier attempts", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		first, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: first.ID()})
		require.NoError(t, err)
		second, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		require.Equal(t, 2, second.Number())
	})
	t.Run("a double click starts one attempt and names it to the other", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		var (
			wg      sync.WaitGroup
			started = make([]*attempt.Attempt, 4)
			failed  = make([]error, 4)
		)
		for i := range started {
			wg.Go(func() {
				started[i], failed[i] = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
			})
		}
		wg.Wait()
		var winner *attempt.Attempt
		for i, a := range started {
			if failed[i] == nil {
				require.Nil(t, winner, "only one start succeeds")
				winner = a
			}
		}
		require.NotNil(t, winner)
		for _, err := range failed {
			if err != nil {
				requireSlug(t, err, "attempt-in-progress")
				e, _ := errs.As(err)
				require.Equal(t, winner.ID(), e.Fields["attempt_id"])
			}
		}
	})
	t.Run("refuses a student out of attempts", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		for range 2 {
			a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
			require.NoError(t, err)
			_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: a.ID()})
			require.NoError(t, err)
		}
		_, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "no-attempts-left")
	})
	t.Run("refuses outside the window", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		c := content()
		c.Settings.Opens, c.Settings.Closes = t0.Add(time.Hour), t0.Add(2*time.Hour)
		tt := x.published(t, c)
		_, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "test-not-open")
		x.clock.Advance(2 * time.Hour)
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "test-closed")
	})
	t.Run("hides the test from students not enrolled and refuses former ones", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		_, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: bob, TestID: tt.ID()})
		requireSlug(t, err, "test-not-found")
		require.NoError(t, x.roster.RecordEnrollment(t.Context(), "e3", "c1", "bob", access.EnrollmentDropped, t0))
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: bob, TestID: tt.ID()})
		requireSlug(t, err, "test-not-found")
		require.NoError(t, x.roster.RecordEnrollment(t.Context(), "e4", "c1", "bob", access.EnrollmentCompleted, t0.Add(time.Second)))
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: bob, TestID: tt.ID()})
		requireSlug(t, err, "enrollment-not-active")
	})
	t.Run("hides an unpublished test", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt, err := x.h.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: content()})
		require.NoError(t, err)
		_, err = x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "test-not-found")
	})
}

func TestSaveAnswer(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	save := func(c caller.Caller, opt string) error {
		_, err := x.h.SaveAnswer.Handle(t.Context(), command.SaveAnswerInput{Caller: c, AttemptID: a.ID(), QuestionID: "q1", Answer: exam.Answer{Options: []string{opt}}})
		return err
	}
	require.NoError(t, save(alice, "b"))
	require.NoError(t, save(alice, "b"), "saving the same answer again is harmless")
	requireSlug(t, save(bob, "a"), "attempt-not-found")
	x.clock.Advance(30 * time.Minute)
	requireSlug(t, save(alice, "a"), "attempt-deadline-passed")
	got, err := x.attempts.Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, []string{"b"}, got.Answers()["q1"].Answer.Options, "a refused save changes nothing")
}

func TestGradingJourney(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	_, err = x.h.SaveAnswer.Handle(t.Context(), command.SaveAnswerInput{Caller: alice, AttemptID: a.ID(), QuestionID: "q1", Answer: exam.Answer{Options: []string{"b"}}})
	require.NoError(t, err)
	_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: bob, AttemptID: a.ID()})
	requireSlug(t, err, "attempt-not-found")
	_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: a.ID()})
	require.NoError(t, err)
	_, err = x.h.ConfirmSubmission.Handle(t.Context(), command.ConfirmSubmissionInput{AttemptID: a.ID(), By: attempt.ByStudent})
	require.NoError(t, err, "the workflow's confirmation of a submission is harmless")

	review, err := x.h.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: a.ID()})
	require.NoError(t, err)
	require.True(t, review)
	_, err = x.h.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: a.ID()})
	requireSlug(t, err, "essays-not-graded")

	grade := command.GradeAttemptInput{AttemptID: a.ID(), Grades: []attempt.ManualGrade{{QuestionID: "q2", Score: 2, Feedback: "ok"}}}
	grade.Caller = other
	_, err = x.h.GradeAttempt.Handle(t.Context(), grade)
	requireSlug(t, err, "attempt-not-found")
	grade.Caller = teacher
	_, err = x.h.GradeAttempt.Handle(t.Context(), grade)
	require.NoError(t, err)

	for range 2 {
		g, err := x.h.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: a.ID()})
		require.NoError(t, err)
		require.Equal(t, 4.0, g.Score())
		require.True(t, g.Passed())
	}
	var graded, essays int
	for _, e := range x.attempts.Events() {
		switch e.(type) {
		case attempt.Graded:
			graded++
		case attempt.EssaysGraded:
			essays++
		}
	}
	require.Equal(t, 1, graded, "graded exactly once")
	require.Equal(t, 1, essays)
}

func TestConfirmSubmission_AtTheDeadline(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	x.clock.Advance(31 * time.Minute)
	got, err := x.h.ConfirmSubmission.Handle(t.Context(), command.ConfirmSubmissionInput{AttemptID: a.ID(), By: attempt.ByDeadline})
	require.NoError(t, err)
	require.Equal(t, attempt.StateSubmitted, got.State())
	require.Equal(t, attempt.ByDeadline, got.SubmittedBy())
	require.Equal(t, t0.Add(30*time.Minute), got.SubmittedAt())
}

func TestRecordOverdue(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	_, err := x.h.RecordOverdue.Handle(t.Context(), command.RecordOverdueInput{AttemptID: "nope", Level: "late"})
	require.Error(t, err)
	_, err = x.h.RecordOverdue.Handle(t.Context(), command.RecordOverdueInput{AttemptID: "nope", Level: attempt.OverdueReminder})
	require.True(t, errors.Is(err, attempt.ErrNotFound))
}
