package query_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
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
	carol   = caller.Caller{UserID: "carol", Roles: []string{access.RoleStudent}}
)

type harness struct {
	cmd    app.Commands
	q      app.Queries
	clock  *apptest.Clock
	roster *apptest.Roster
}

// newHarness has course c1 taught by teacher with alice and bob enrolled,
// carol not.
func newHarness(t *testing.T) *harness {
	t.Helper()
	tests, attempts, roster, clock := apptest.NewTests(), apptest.NewAttempts(), apptest.NewRoster(), apptest.NewClock(t0)
	acc := apptest.NewAccommodations()
	x := &harness{
		cmd: app.New(app.Deps{Tests: tests, Attempts: attempts, Accommodations: acc,
			Roster: roster, Recorder: roster, Clock: clock, IDs: &apptest.IDs{}}, nil).Commands,
		q: app.New(app.Deps{Tests: tests, Attempts: attempts, Accommodations: acc, Roster: roster, Clock: clock,
			Summaries: apptest.AttemptSummaries{Attempts: attempts}}, nil).Queries,
		clock:  clock,
		roster: roster,
	}
	ctx := context.Background()
	require.NoError(t, roster.RecordCourse(ctx, "e1", "c1", "teacher", false, t0))
	require.NoError(t, roster.RecordEnrollment(ctx, "e2", "c1", "alice", access.EnrollmentActive, t0))
	require.NoError(t, roster.RecordEnrollment(ctx, "e3", "c1", "bob", access.EnrollmentActive, t0))
	return x
}

func content(results exam.ResultsVisibility) exam.Content {
	return exam.Content{
		Settings: exam.Settings{Title: "Quiz", PassingScore: 1, Results: results, Scoring: exam.ScoreAverage},
		Questions: []exam.Question{
			{ID: "q1", Kind: exam.TrueFalse, Prompt: "yes?", Points: 1, Truth: true},
			{ID: "q2", Kind: exam.Numeric, Prompt: "pi?", Points: 2, Value: 3.14, Tolerance: 0.01},
		},
	}
}

func (x *harness) test(t *testing.T, c exam.Content, publish bool) *exam.Test {
	t.Helper()
	tt, err := x.cmd.CreateTest.Handle(t.Context(), command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: c})
	require.NoError(t, err)
	if publish {
		tt, err = x.cmd.PublishTest.Handle(t.Context(), command.PublishTestInput{Caller: teacher, TestID: tt.ID()})
		require.NoError(t, err)
	}
	return tt
}

// graded makes student take the test answering q1 with yes and q2 with pi,
// and grades the attempt.
func (x *harness) graded(t *testing.T, student caller.Caller, testID string, yes bool, pi float64) *attempt.Attempt {
	t.Helper()
	ctx := t.Context()
	a, err := x.cmd.StartAttempt.Handle(ctx, command.StartAttemptInput{Caller: student, TestID: testID})
	require.NoError(t, err)
	_, err = x.cmd.SaveAnswer.Handle(ctx, command.SaveAnswerInput{Caller: student, AttemptID: a.ID(), QuestionID: "q1", Answer: exam.Answer{Bool: &yes}})
	require.NoError(t, err)
	_, err = x.cmd.SaveAnswer.Handle(ctx, command.SaveAnswerInput{Caller: student, AttemptID: a.ID(), QuestionID: "q2", Answer: exam.Answer{Number: &pi}})
	require.NoError(t, err)
	_, err = x.cmd.SubmitAttempt.Handle(ctx, command.SubmitAttemptInput{Caller: student, AttemptID: a.ID()})
	require.NoError(t, err)
	a, err = x.cmd.FinalizeAttempt.Handle(ctx, command.FinalizeAttemptInput{AttemptID: a.ID()})
	require.NoError(t, err)
	return a
}

func requireSlug(t *testing.T, err error, slug string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v is not classified", err)
	require.Equal(t, slug, e.Slug, "%v", err)
}

func TestTest_Audience(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	draft := x.test(t, content(""), false)
	pub := x.test(t, content(""), true)

	v, err := x.q.GetTest.Handle(t.Context(), query.GetTestInput{Caller: teacher, TestID: draft.ID()})
	require.NoError(t, err)
	require.Equal(t, query.AsTeacher, v.Audience)
	v, err = x.q.GetTest.Handle(t.Context(), query.GetTestInput{Caller: alice, TestID: pub.ID()})
	require.NoError(t, err)
	require.Equal(t, query.AsStudent, v.Audience)

	_, err = x.q.GetTest.Handle(t.Context(), query.GetTestInput{Caller: alice, TestID: draft.ID()})
	requireSlug(t, err, "test-not-found")
	_, err = x.q.GetTest.Handle(t.Context(), query.GetTestInput{Caller: carol, TestID: pub.ID()})
	requireSlug(t, err, "test-not-found")
	_, err = x.q.GetTest.Handle(t.Context(), query.GetTestInput{Caller: other, TestID: pub.ID()})
	requireSlug(t, err, "test-not-found")
}

func TestTests(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	x.test(t, content(""), false)
	x.clock.Advance(time.Second)
	pub := x.test(t, content(""), true)

	mine, err := x.q.ListTests.Handle(t.Context(), query.ListTestsInput{Caller: alice, CourseID: ""})
	require.NoError(t, err)
	require.Len(t, mine, 1, "students see published tests only")
	require.Equal(t, pub.ID(), mine[0].Test.ID())

	all, err := x.q.ListTests.Handle(t.Context(), query.ListTestsInput{Caller: teacher, CourseID: "c1"})
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, pub.ID(), all[0].Test.ID(), "newest first")

	none, err := x.q.ListTests.Handle(t.Context(), query.ListTestsInput{Caller: carol, CourseID: ""})
	require.NoError(t, err)
	require.Empty(t, none)
	_, err = x.q.ListTests.Handle(t.Context(), query.ListTestsInput{Caller: carol, CourseID: "c1"})
	requireSlug(t, err, "course-not-found")
}

func TestAttempt_OnlyItsStudentAndTeachers(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.test(t, content(exam.ResultsOnRelease), true)
	a := x.graded(t, alice, tt.ID(), true, 3)

	v, err := x.q.GetAttempt.Handle(t.Context(), query.GetAttemptInput{Caller: alice, AttemptID: a.ID()})
	require.NoError(t, err)
	require.Equal(t, query.AsStudent, v.Audience)
	require.False(t, v.ResultsVisible, "results wait for the release")

	_, err = x.q.GetAttempt.Handle(t.Context(), query.GetAttemptInput{Caller: bob, AttemptID: a.ID()})
	requireSlug(t, err, "attempt-not-found")
	_, err = x.q.GetAttempt.Handle(t.Context(), query.GetAttemptInput{Caller: other, AttemptID: a.ID()})
	requireSlug(t, err, "attempt-not-found")

	v, err = x.q.GetAttempt.Handle(t.Context(), query.GetAttemptInput{Caller: teacher, AttemptID: a.ID()})
	require.NoError(t, err)
	require.Equal(t, query.AsTeacher, v.Audience)
	require.True(t, v.ResultsVisible)

	_, err = x.cmd.ReleaseResults.Handle(t.Context(), command.ReleaseResultsInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	v, err = x.q.GetAttempt.Handle(t.Context(), query.GetAttemptInput{Caller: alice, AttemptID: a.ID()})
	require.NoError(t, err)
	require.True(t, v.ResultsVisible)
}

func TestAttempts_CountsTheScoreByPolicy(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.test(t, content(""), true)
	x.graded(t, alice, tt.ID(), true, 3.14)  // 3
	x.graded(t, alice, tt.ID(), false, 3.14) // 2
	x.graded(t, bob, tt.ID(), false, 0)      // 0

	mine, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	require.Len(t, mine.Attempts, 2, "a student sees only their own attempts")
	require.True(t, mine.HasCounted)
	require.Equal(t, 2.5, mine.Counted, "average of 3 and 2")

	all, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	require.Len(t, all.Attempts, 3)
	_, err = x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: carol, TestID: tt.ID()})
	requireSlug(t, err, "test-not-found")
}

func TestAttempts_PagesByStudentAndNumberWithAStateFilter(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.test(t, content(""), true)
	x.graded(t, alice, tt.ID(), true, 3.14)
	x.graded(t, alice, tt.ID(), false, 3.14)
	x.graded(t, bob, tt.ID(), false, 0)
	line := func(l query.AttemptLine) string {
		return fmt.Sprintf("%s/%d", l.Summary.StudentID, l.Summary.Number)
	}
	var seen []string
	q := query.ListAttemptsInput{TestID: tt.ID(), PageSize: 2}
	for range 3 {
		page, err := x.q.ListAttempts.Handle(t.Context(), withCaller(q, teacher))
		require.NoError(t, err)
		for _, l := range page.Attempts {
			seen = append(seen, line(l))
		}
		if page.NextPageToken == "" {
			break
		}
		q.PageToken = page.NextPageToken
	}
	require.Equal(t, []string{alice.UserID + "/1", alice.UserID + "/2", bob.UserID + "/1"}, seen,
		"two pages: every attempt once, in the order of student and number")

	mine, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: alice, TestID: tt.ID(), PageSize: 1})
	require.NoError(t, err)
	require.Len(t, mine.Attempts, 1)
	require.NotEmpty(t, mine.NextPageToken)
	require.Equal(t, 2.5, mine.Counted, "her score counts all her attempts, not the page's")
	rest, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: alice, TestID: tt.ID(), PageSize: 1, PageToken: mine.NextPageToken})
	require.NoError(t, err)
	require.Equal(t, []string{alice.UserID + "/2"}, []string{line(rest.Attempts[0])})
	require.Empty(t, rest.NextPageToken)

	graded, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: teacher, TestID: tt.ID(), State: "graded"})
	require.NoError(t, err)
	require.Len(t, graded.Attempts, 3)
	running, err := x.q.ListAttempts.Handle(t.Context(), query.ListAttemptsInput{Caller: teacher, TestID: tt.ID(), State: "in_progress"})
	require.NoError(t, err)
	require.Empty(t, running.Attempts)

	for _, bad := range []struct {
		q    query.ListAttemptsInput
		slug string
	}{
		{query.ListAttemptsInput{TestID: tt.ID(), PageSize: 501}, "invalid-page-size"},
		{query.ListAttemptsInput{TestID: tt.ID(), PageSize: -1}, "invalid-page-size"},
		{query.ListAttemptsInput{TestID: tt.ID(), PageToken: "not-a-token"}, "invalid-page-token"},
		{query.ListAttemptsInput{TestID: tt.ID(), State: "lost"}, "invalid-argument"},
	} {
		_, err := x.q.ListAttempts.Handle(t.Context(), withCaller(bad.q, teacher))
		requireSlug(t, err, bad.slug)
	}
}

func TestStatistics(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.test(t, content(""), true)
	x.graded(t, alice, tt.ID(), true, 3.14)
	x.graded(t, bob, tt.ID(), false, 3.14)
	x.graded(t, alice, tt.ID(), true, 9)

	s, err := x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	require.Equal(t, 3, s.Graded)
	require.Equal(t, 2.0, s.MeanScore, "(3+2+1)/3")
	require.Equal(t, "q1", s.Questions[0].Question.ID)
	require.Equal(t, 0.67, s.Questions[0].MeanScore)
	require.InDelta(t, 2.0/3, s.Questions[0].ShareCorrect, 1e-9)
	require.Equal(t, 1.33, s.Questions[1].MeanScore)
	require.InDelta(t, 2.0/3, s.Questions[1].ShareCorrect, 1e-9)

	_, err = x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: alice, TestID: tt.ID()})
	requireSlug(t, err, "forbidden")
	_, err = x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: other, TestID: tt.ID()})
	requireSlug(t, err, "test-not-found")
}

func TestStatistics_ATeachingAssistantWithOnlyTheStudentRoleReadsThem(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.test(t, content(""), true)
	x.graded(t, alice, tt.ID(), true, 3.14)
	require.NoError(t, x.roster.RecordStaff(t.Context(), "c1", 1, map[string]string{
		"carol": access.StaffAssistant, "dan": access.StaffObserver}))

	s, err := x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: carol, TestID: tt.ID()})
	require.NoError(t, err, "an assistant grades the course, so she reads how its tests went")
	require.Equal(t, 1, s.Graded)

	dan := caller.Caller{UserID: "dan", Roles: []string{access.RoleStudent}}
	_, err = x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: dan, TestID: tt.ID()})
	requireSlug(t, err, "forbidden")
	_, err = x.q.GetStatistics.Handle(t.Context(), query.GetStatisticsInput{Caller: carol, TestID: "no-such-test"})
	requireSlug(t, err, "forbidden")
}

// withCaller is in asked by c.
func withCaller(in query.ListAttemptsInput, c caller.Caller) query.ListAttemptsInput {
	in.Caller = c
	return in
}
