package enrollment

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

func TestEnrollment_ContinuesAsNewCarryingItsState(t *testing.T) {
	env := newEnv(t, Options{SignalsBeforeContinue: 2})
	var done atomic.Int32
	seat(env, flows.SeatDecision{Status: flows.EnrollmentActive})
	progress(env, &done, 10, "quiz")
	env.RegisterDelayedCallback(func() {
		done.Store(1)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	}, time.Hour)
	// The second and third signals arrive together: the run reaches its
	// threshold on the second and must still handle the third before it
	// hands over.
	env.RegisterDelayedCallback(func() {
		done.Store(2)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l2"})
		env.SignalWorkflow(flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-1", TestID: "quiz", Points: 9, Maximum: 10, Passed: true})
	}, 2*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	next := continuedWith(t, env)
	require.Equal(t, in.EnrollmentID, next.EnrollmentID)
	require.Equal(t, in.StudentID, next.StudentID)
	require.NotNil(t, next.Carried)
	require.Equal(t, flows.EnrollmentActive, next.Carried.Status)
	require.Equal(t, 2, next.Carried.LessonsCompleted)
	require.Equal(t, []string{"quiz"}, next.Carried.TestsPassed)
	require.True(t, next.Carried.SeenAttempts["a-1"], "the next run still ignores a repeat of this grade")
}

func TestEnrollment_ContinuesAsNewWhenTheServerSuggests(t *testing.T) {
	env := newEnv(t, Options{})
	env.SetContinueAsNewSuggested(true)
	seat(env, flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: 1})
	signalAt(env, time.Hour, flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	next := continuedWith(t, env)
	require.Equal(t, flows.EnrollmentWaitlisted, next.Carried.Status)
	require.Equal(t, 1, next.Carried.WaitlistPosition)
}

func TestEnrollment_ResumesFromCarriedStateWithoutReservingAgain(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	done.Store(1)
	progress(env, &done, 2, "quiz")
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(flows.Completion{FinalGrade: 90, CertificateID: "cert-4"}, nil).Once()
	carried := in
	carried.Carried = &flows.EnrollmentState{
		Status: flows.EnrollmentActive, LessonsCompleted: 1, LessonsTotal: 2, TestsRequired: []string{"quiz"},
		TestsPassed: []string{"quiz"}, SeenAttempts: map[string]bool{"a-1": true},
		Scores: map[string]flows.Score{"quiz": {Points: 9, Maximum: 10, Passed: true}},
	}
	// A repeat of the grade the previous run counted, then the last lesson.
	signalAt(env, time.Hour, flows.SignalTestGraded, flows.TestGraded{AttemptID: "a-1", TestID: "quiz", Points: 1, Maximum: 10})
	env.RegisterDelayedCallback(func() {
		done.Store(2)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l2"})
	}, 2*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, carried)

	s := result(t, env)
	require.Equal(t, flows.EnrollmentCompleted, s.Status)
	require.Equal(t, flows.Score{Points: 9, Maximum: 10, Passed: true}, s.Scores["quiz"])
}

// continuedWith asserts the run continued as new and decodes the next run's
// input.
func continuedWith(t *testing.T, env *testsuite.TestWorkflowEnvironment) flows.EnrollmentInput {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(env.GetWorkflowError(), &can), "want continue-as-new, got %v", env.GetWorkflowError())
	require.Equal(t, flows.EnrollmentWorkflow, can.WorkflowType.Name)
	var next flows.EnrollmentInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
	return next
}
