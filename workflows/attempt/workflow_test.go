package attempt

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

// enrollmentOf is the workflow id of the attempt's enrollment.
var enrollmentOf = flows.EnrollmentWorkflowID("course-go", "alice")

// released is the release of graded's results.
var released = flows.ReleaseResult{Released: true, Points: graded.Points, Maximum: graded.Maximum, Passed: graded.Passed}

// told is the grade the enrollment workflow must receive.
var told = flows.TestGraded{AttemptID: "att-1", TestID: "midterm", Points: 14, Maximum: 20, Passed: true}

// recordSubmits mocks the submission and records each call with its time.
func recordSubmits(env *testsuite.TestWorkflowEnvironment) *[]recorded[flows.SubmitInput] {
	var calls []recorded[flows.SubmitInput]
	env.OnActivity(flows.ActivitySubmitAttempt, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in flows.SubmitInput) error {
			calls = append(calls, recorded[flows.SubmitInput]{In: in, At: env.Now()})
			return nil
		}).Once()
	return &calls
}

// recordOverdue mocks the overdue notices and records each with its time.
func recordOverdue(env *testsuite.TestWorkflowEnvironment) *[]recorded[flows.OverdueInput] {
	var calls []recorded[flows.OverdueInput]
	env.OnActivity(flows.ActivityGradingOverdue, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in flows.OverdueInput) error {
			calls = append(calls, recorded[flows.OverdueInput]{In: in, At: env.Now()})
			return nil
		})
	return &calls
}

func autoGrade(env *testsuite.TestWorkflowEnvironment, needsReview bool) {
	env.OnActivity(flows.ActivityAutoGrade, mock.Anything, flows.AttemptRef{AttemptID: "att-1"}).
		Return(flows.AutoGradeResult{NeedsReview: needsReview}, nil).Once()
}

// finalize mocks the finalisation and a release of the results at once (a
// test whose results show on submission).
func finalize(env *testsuite.TestWorkflowEnvironment) {
	env.OnActivity(flows.ActivityFinalizeAttempt, mock.Anything, flows.AttemptRef{AttemptID: "att-1"}).Return(graded, nil).Once()
	env.OnActivity(flows.ActivityReleaseResults, mock.Anything, flows.AttemptRef{AttemptID: "att-1"}).
		Return(released, nil).Once()
}

func tellsEnrollment(env *testsuite.TestWorkflowEnvironment, answer error) {
	env.OnSignalExternalWorkflow(mock.Anything, enrollmentOf, "", flows.SignalTestGraded, told).Return(answer).Once()
}

func TestAttempt_StudentSubmitsBeforeTheDeadline(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	submits := settlesOnce(env, settledAtOnce)
	tellsEnrollment(env, nil)
	answering := queryAt(env, 5*time.Minute)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 10*time.Minute)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *submits, 1)
	require.Equal(t, flows.SubmitInput{AttemptID: "att-1", SubmittedBy: flows.SubmittedByStudent}, (*submits)[0].In)
	require.WithinDuration(t, in.Deadline.Add(-20*time.Minute), (*submits)[0].At, time.Millisecond)

	require.Equal(t, flows.AttemptInProgress, answering.Status)
	require.InDelta(t, (25 * time.Minute).Seconds(), answering.TimeLeft, 1)

	v, err := env.QueryWorkflow(flows.QueryAttemptState)
	require.NoError(t, err)
	var end flows.AttemptState
	require.NoError(t, v.Get(&end))
	require.Equal(t, flows.AttemptGraded, end.Status)
	require.Equal(t, flows.SubmittedByStudent, end.SubmittedBy)
	require.Zero(t, end.TimeLeft)
	require.Equal(t, 14.0, *end.Points)
	require.True(t, *end.Passed)
}

// Attempts that submitted before settling existed run each step as its own
// activity, as their histories record.
func TestAttempt_BeforeSettlingEachStepIsItsOwnActivity(t *testing.T) {
	for name, essays := range map[string]bool{"graded at once": false, "essays wait": true} {
		t.Run(name, func(t *testing.T) {
			env := newEnv(t)
			env.OnGetVersion(changeSettle, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
			in := input(env, 30*time.Minute)
			submits := recordSubmits(env)
			autoGrade(env, essays)
			finalize(env)
			tellsEnrollment(env, nil)
			env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 10*time.Minute)
			if essays {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, time.Hour)
			}

			env.ExecuteWorkflow(flows.AttemptWorkflow, in)

			require.Equal(t, graded, result(t, env))
			require.Len(t, *submits, 1)
		})
	}
}

func TestAttempt_UntimedWaitsForTheStudentAlone(t *testing.T) {
	env := newEnv(t)
	in := input(env, 0)
	in.Deadline = time.Time{}
	submits := settlesOnce(env, settledAtOnce)
	tellsEnrollment(env, nil)
	waiting := queryAt(env, 30*24*time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 40*24*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *submits, 1)
	require.Equal(t, flows.SubmittedByStudent, (*submits)[0].In.SubmittedBy, "an untimed attempt is never submitted by a deadline")
	require.Equal(t, flows.AttemptInProgress, waiting.Status, "still open a month later")
	require.Zero(t, waiting.TimeLeft)
}

func TestAttempt_DeadlineSubmitsTheAnswersSavedSoFar(t *testing.T) {
	env := newEnv(t)
	in := input(env, 45*time.Minute)
	submits := settlesOnce(env, essaysWait)
	finalize(env)
	tellsEnrollment(env, nil)
	waiting := queryAt(env, time.Hour)
	// The student's own submission arrives too late: it must not submit twice.
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 50*time.Minute)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, 3*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *submits, 1)
	require.Equal(t, flows.SubmitInput{AttemptID: "att-1", SubmittedBy: flows.SubmittedByDeadline, Deadline: in.Deadline.UTC()}, utcInput((*submits)[0].In))
	require.WithinDuration(t, in.Deadline, (*submits)[0].At, time.Millisecond, "submitted at the deadline")
	require.Equal(t, flows.AttemptNeedsReview, waiting.Status)
	require.Equal(t, flows.SubmittedByDeadline, waiting.SubmittedBy)
	require.Zero(t, waiting.TimeLeft)
}

func TestAttempt_LateEssayGradesGetAReminderThenAnEscalation(t *testing.T) {
	env := newEnv(t)
	in := input(env, time.Hour)
	in.GradingReminderAfter = 24 * time.Hour
	in.GradingEscalationAfter = 72 * time.Hour
	settlesOnce(env, essaysWait)
	overdue := recordOverdue(env)
	finalize(env)
	tellsEnrollment(env, nil)
	submittedAt := env.Now().Add(20 * time.Minute)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 20*time.Minute)
	waiting := queryAt(env, 50*time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, 100*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Equal(t, flows.AttemptNeedsReview, waiting.Status)
	require.Len(t, *overdue, 2)
	require.Equal(t, flows.OverdueInput{AttemptID: "att-1", Level: flows.OverdueReminder}, (*overdue)[0].In)
	require.WithinDuration(t, submittedAt.Add(24*time.Hour), (*overdue)[0].At, time.Millisecond)
	require.Equal(t, flows.OverdueInput{AttemptID: "att-1", Level: flows.OverdueEscalation}, (*overdue)[1].In)
	require.WithinDuration(t, submittedAt.Add(72*time.Hour), (*overdue)[1].At, time.Millisecond)
}

func TestAttempt_DefaultGradingDeadlines(t *testing.T) {
	env := newEnv(t)
	in := input(env, time.Hour)
	settlesOnce(env, essaysWait)
	overdue := recordOverdue(env)
	finalize(env)
	tellsEnrollment(env, nil)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, time.Hour+4*24*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	result(t, env)
	require.Len(t, *overdue, 1, "graded after four days: the reminder is due, the escalation is not")
	require.Equal(t, flows.OverdueReminder, (*overdue)[0].In.Level)
	require.WithinDuration(t, in.Deadline.Add(flows.DefaultGradingReminderAfter), (*overdue)[0].At, time.Millisecond)
}

func TestAttempt_EnrollmentThatNoLongerRunsIsNoFailure(t *testing.T) {
	env := newEnv(t)
	in := input(env, time.Minute)
	settlesOnce(env, settledAtOnce)
	tellsEnrollment(env, &temporal.UnknownExternalWorkflowExecutionError{})

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
}

func TestAttempt_RefusedFinalisationWaitsForTheNextGrades(t *testing.T) {
	env := newEnv(t)
	in := input(env, time.Minute)
	settlesOnce(env, essaysWait)
	var finalized []time.Time
	env.OnActivity(flows.ActivityFinalizeAttempt, mock.Anything, mock.Anything).Return(
		func(context.Context, flows.AttemptRef) (flows.GradedAttempt, error) {
			finalized = append(finalized, env.Now())
			if len(finalized) == 1 {
				return flows.GradedAttempt{}, temporal.NewNonRetryableApplicationError("an essay is ungraded",
					flows.ErrTypeRefused, nil, flows.Refusal{Slug: "essays-ungraded"})
			}
			return graded, nil
		}).Twice()
	releases(env, released)
	tellsEnrollment(env, nil)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalEssaysGraded, nil) }, 2*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, finalized, 2)
	require.WithinDuration(t, in.Deadline.Add(119*time.Minute), finalized[1], time.Millisecond)
}

func TestTimeLeft(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		workflowNow, wallNow time.Time
		want                 time.Duration
	}{
		"from the wall clock when the workflow's clock stopped": {deadline.Add(-time.Hour), deadline.Add(-10 * time.Minute), 10 * time.Minute},
		"from the workflow's clock when it runs ahead":          {deadline.Add(-5 * time.Minute), deadline.Add(-time.Hour), 5 * time.Minute},
		"never below zero after the deadline":                   {deadline.Add(time.Minute), deadline.Add(time.Minute), 0},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, c.want, timeLeft(deadline, c.workflowNow, c.wallNow))
		})
	}
}
