package enrollment

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"lms/shared/flows"
)

func TestEnrollment_CompletesWhenEveryLessonAndRequiredTestIsDone(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	progress(env, &done, 2, "quiz", "final")
	var completedWith flows.CompleteInput
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in flows.CompleteInput) (flows.Completion, error) {
			completedWith = in
			return flows.Completion{FinalGrade: 87.5, CertificateID: "cert-1"}, nil
		}).Once()

	signalAt(env, 30*time.Minute, flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-practice", TestID: "practice", Points: 2, Maximum: 10})
	env.RegisterDelayedCallback(func() {
		done.Store(1)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	}, time.Hour)
	env.RegisterDelayedCallback(func() {
		done.Store(2)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l2"})
	}, 2*time.Hour)
	signalAt(env, 3*time.Hour, flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-quiz", TestID: "quiz", Points: 8, Maximum: 10, Passed: true})
	signalAt(env, 4*time.Hour, flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-final-1", TestID: "final", Points: 30, Maximum: 100})
	beforeRetake := queryAt(env, 5*time.Hour)
	signalAt(env, 6*time.Hour, flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-final-2", TestID: "final", Points: 70, Maximum: 100, Passed: true})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentActive, beforeRetake.Status, "a failed required test keeps the enrollment open")
	require.Equal(t, 2, beforeRetake.LessonsCompleted)
	require.Equal(t, []string{"quiz"}, beforeRetake.TestsPassed)

	s := result(t, env)
	require.Equal(t, flows.EnrollmentCompleted, s.Status)
	require.NotNil(t, s.FinalGrade)
	require.InDelta(t, 87.5, *s.FinalGrade, 0)
	require.Equal(t, "cert-1", s.CertificateID)
	require.Equal(t, []string{"final", "quiz"}, s.TestsPassed)
	require.Equal(t, flows.CompleteInput{EnrollmentID: in.EnrollmentID, Scores: map[string]flows.Score{
		"quiz":  {Points: 8, Maximum: 10, Passed: true},
		"final": {Points: 70, Maximum: 100, Passed: true},
	}}, completedWith, "the final grade is computed from the best result of each required test only")
}

func TestEnrollment_Rejected(t *testing.T) {
	for name, reserve := range map[string]func(env *testsuite.TestWorkflowEnvironment){
		"when the course service decides a rejection": func(env *testsuite.TestWorkflowEnvironment) {
			seat(env, flows.SeatDecision{Status: flows.EnrollmentRejected, RejectedReason: "enrollment-window-closed"})
		},
		"when the course service refuses the request": func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity(flows.ActivityReserveSeat, mock.Anything, ref).Return(flows.SeatDecision{},
				temporal.NewNonRetryableApplicationError("closed", flows.ErrTypeRefused, nil, flows.Refusal{Slug: "enrollment-window-closed"})).Once()
		},
	} {
		t.Run(name, func(t *testing.T) {
			env := newEnv(t, Options{})
			reserve(env)
			env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)
			s := result(t, env)
			require.Equal(t, flows.EnrollmentRejected, s.Status)
			require.Equal(t, "enrollment-window-closed", s.RejectedReason)
		})
	}
}

func TestEnrollment_DropWhileActive(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	progress(env, &done, 3)
	env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, flows.DropInput{EnrollmentID: in.EnrollmentID, Reason: "moving abroad"}).
		Return(flows.DropResult{}, nil).Once()
	active := queryAt(env, time.Hour)
	signalAt(env, 24*time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "moving abroad"})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentActive, active.Status)
	require.Equal(t, 3, active.LessonsTotal, "the query shows the progress read at activation")
	require.Equal(t, flows.EnrollmentDropped, result(t, env).Status)
}

func TestEnrollment_DropPromotesTheNextStudent(t *testing.T) {
	bob := flows.Promotion{EnrollmentID: "enr-bob", CourseID: in.CourseID, StudentID: "bob"}
	for name, answer := range map[string]error{
		"and tells the promoted student's workflow":           nil,
		"and finishes even when that workflow no longer runs": &temporal.UnknownExternalWorkflowExecutionError{},
	} {
		t.Run(name, func(t *testing.T) {
			env := newEnv(t, Options{})
			var done atomic.Int32
			seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
			progress(env, &done, 3)
			env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, mock.Anything).Return(flows.DropResult{Promoted: &bob}, nil).Once()
			env.OnSignalExternalWorkflow(mock.Anything, flows.EnrollmentWorkflowID(in.CourseID, "bob"), "", flows.SignalEnrollmentPromoted, nil).
				Return(answer).Once()
			signalAt(env, time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{})

			env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

			require.Equal(t, flows.EnrollmentDropped, result(t, env).Status)
		})
	}
}

func TestEnrollment_RefusedDropKeepsTheEnrollment(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	progress(env, &done, 1)
	env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, mock.Anything).Return(flows.DropResult{},
		temporal.NewNonRetryableApplicationError("too late", flows.ErrTypeRefused, nil, flows.Refusal{Slug: "drop-deadline-passed"})).Once()
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(flows.Completion{FinalGrade: 100, CertificateID: "cert-2"}, nil).Once()
	signalAt(env, time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{})
	afterDrop := queryAt(env, 2*time.Hour)
	env.RegisterDelayedCallback(func() {
		done.Store(1)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	}, 3*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentActive, afterDrop.Status)
	require.Equal(t, flows.EnrollmentCompleted, result(t, env).Status)
}

func TestEnrollment_DropWhileWaitlisted(t *testing.T) {
	env := newEnv(t, Options{})
	seat(env, flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: 2})
	env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, flows.DropInput{EnrollmentID: in.EnrollmentID, Reason: "found another course"}).
		Return(flows.DropResult{}, nil).Once()
	waiting := queryAt(env, time.Hour)
	signalAt(env, 48*time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "found another course"})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentWaitlisted, waiting.Status)
	require.Equal(t, 2, waiting.WaitlistPosition)
	s := result(t, env)
	require.Equal(t, flows.EnrollmentDropped, s.Status)
	require.Zero(t, s.WaitlistPosition)
}

func TestEnrollment_WaitlistPromotion(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: 1})
	progress(env, &done, 1)
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(flows.Completion{FinalGrade: 100, CertificateID: "cert-3"}, nil).Once()
	// A lesson reported while waiting is no progress yet; a second
	// promotion (the course service retried its signal) changes nothing.
	signalAt(env, time.Hour, flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	waiting := queryAt(env, 2*time.Hour)
	signalAt(env, 72*time.Hour, flows.SignalEnrollmentPromoted, nil)
	signalAt(env, 73*time.Hour, flows.SignalEnrollmentPromoted, nil)
	promoted := queryAt(env, 74*time.Hour)
	env.RegisterDelayedCallback(func() {
		done.Store(1)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	}, 80*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentWaitlisted, waiting.Status)
	require.Equal(t, flows.EnrollmentActive, promoted.Status)
	require.Zero(t, promoted.WaitlistPosition)
	require.Equal(t, 1, promoted.LessonsTotal)
	require.Equal(t, flows.EnrollmentCompleted, result(t, env).Status)
}

func TestEnrollment_RepeatedGradeSignalCountsOnce(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	evaluations := 0
	env.OnActivity(flows.ActivityEvaluateProgress, mock.Anything, ref).Return(
		func(context.Context, flows.EnrollmentRef) (flows.Progress, error) {
			evaluations++
			return flows.Progress{LessonsCompleted: int(done.Load()), LessonsTotal: 5, TestsRequired: []string{"quiz"}}, nil
		})
	env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, mock.Anything).Return(flows.DropResult{}, nil).Once()
	graded := flows.TestGraded{AttemptID: "a-1", TestID: "quiz", Points: 4, Maximum: 10}
	signalAt(env, time.Hour, flows.SignalTestGraded, graded)
	again := graded
	again.Points, again.Passed = 10, true // a replayed signal must not rewrite history
	signalAt(env, 2*time.Hour, flows.SignalTestGraded, again)
	signalAt(env, 3*time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	s := result(t, env)
	require.Equal(t, map[string]flows.Score{"quiz": {Points: 4, Maximum: 10}}, s.Scores)
	require.Empty(t, s.TestsPassed)
	require.Equal(t, 2, evaluations, "once at activation, once for the first signal")
}

func TestEnrollment_RegradeToAPassCompletes(t *testing.T) {
	env := newEnv(t, Options{})
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	env.OnActivity(flows.ActivityEvaluateProgress, mock.Anything, ref).Return(
		flows.Progress{LessonsCompleted: 1, LessonsTotal: 1, TestsRequired: []string{"quiz"}}, nil)
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in flows.CompleteInput) (flows.Completion, error) {
			require.Equal(t, map[string]flows.Score{"quiz": {Points: 7, Maximum: 10, Passed: true}}, in.Scores)
			return flows.Completion{FinalGrade: 70, CertificateID: "cert-r"}, nil
		}).Once()
	graded := flows.TestGraded{AttemptID: "a-1", TestID: "quiz", Points: 4, Maximum: 10}
	signalAt(env, time.Hour, flows.SignalTestGraded, graded)
	regraded := graded
	regraded.Points, regraded.Passed, regraded.Regraded = 7, true, true
	beforeRegrade := queryAt(env, 90*time.Minute)
	signalAt(env, 2*time.Hour, flows.SignalTestGraded, regraded)
	signalAt(env, 3*time.Hour, flows.SignalTestGraded, regraded) // the regrade's signal again changes nothing

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentActive, beforeRegrade.Status, "the failed attempt keeps the enrollment open")
	s := result(t, env)
	require.Equal(t, flows.EnrollmentCompleted, s.Status, "the regrade to a pass completes it")
	require.Equal(t, []string{"quiz"}, s.TestsPassed)
}

func TestEnrollment_BestScoreIsKept(t *testing.T) {
	t.Parallel()
	r := &run{log: testLogger(t)}
	r.record(flows.TestGraded{AttemptID: "1", TestID: "quiz", Points: 9, Maximum: 10})
	r.record(flows.TestGraded{AttemptID: "2", TestID: "quiz", Points: 6, Maximum: 10, Passed: true})
	r.record(flows.TestGraded{AttemptID: "3", TestID: "quiz", Points: 3, Maximum: 10})
	r.record(flows.TestGraded{AttemptID: "4", TestID: "quiz", Points: 7, Maximum: 10, Passed: true})
	r.record(flows.TestGraded{AttemptID: "5", TestID: "essay", Points: 5, Maximum: 10, Passed: true})
	require.Equal(t, flows.Score{Points: 7, Maximum: 10, Passed: true}, r.state.Scores["quiz"],
		"a pass beats a higher fail, a later fail never replaces a pass, a better pass does")
	require.Equal(t, []string{"essay", "quiz"}, r.state.TestsPassed)
}
