// Package temporal starts and signals the enrollment workflows the course
// service drives, under the names and ids of the shared/flows contract.
package temporal

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"lms/course/internal/app/command"
	"lms/shared/flows"
)

// Workflows is the Temporal implementation of command.Workflows.
type Workflows struct {
	client    client.Client
	taskQueue string
}

var _ command.Workflows = (*Workflows)(nil)

// NewWorkflows returns a starter whose workflows run on taskQueue (the
// workflow worker's queue, flows.TaskQueueWorkflows in production).
func NewWorkflows(c client.Client, taskQueue string) *Workflows {
	return &Workflows{client: c, taskQueue: taskQueue}
}

// StartEnrollment starts the student's enrollment workflow. The id comes
// from the course and the student: while one runs, starting again attaches
// to it (a start the relay repeats after a crash starts one process), and
// "already started" counts as started; once it has ended, a new request of
// the same student may start a new one.
func (w *Workflows) StartEnrollment(ctx context.Context, s command.EnrollmentStart) error {
	opts := client.StartWorkflowOptions{
		ID:                       flows.EnrollmentWorkflowID(s.CourseID, s.StudentID),
		TaskQueue:                w.taskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
	in := flows.EnrollmentInput{EnrollmentID: s.EnrollmentID, CourseID: s.CourseID, StudentID: s.StudentID, RequestedAt: s.RequestedAt}
	_, err := w.client.ExecuteWorkflow(ctx, opts, flows.EnrollmentWorkflow, in)
	if err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
		return fmt.Errorf("start %s: %w", opts.ID, err)
	}
	return nil
}

// RequestDrop signals the workflow to drop the enrollment.
func (w *Workflows) RequestDrop(ctx context.Context, courseID, studentID, reason string) error {
	return w.signal(ctx, courseID, studentID, flows.SignalEnrollmentDrop, flows.DropRequest{Reason: reason})
}

// LessonCompleted signals the workflow that a lesson was completed.
func (w *Workflows) LessonCompleted(ctx context.Context, courseID, studentID, lessonID string) error {
	return w.signal(ctx, courseID, studentID, flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: lessonID})
}

// Promoted signals a waitlisted student's workflow that it holds a seat.
func (w *Workflows) Promoted(ctx context.Context, courseID, studentID string) error {
	return w.signal(ctx, courseID, studentID, flows.SignalEnrollmentPromoted, nil)
}

// SignalEnrollment sends a signal without payload (a decision's wake-up) to
// the student's running enrollment workflow; a workflow that no longer runs
// has nothing to be told, so that is no error.
func (w *Workflows) SignalEnrollment(ctx context.Context, courseID, studentID, name string) error {
	if err := w.signal(ctx, courseID, studentID, name, nil); err != nil && !errors.Is(err, command.ErrNoWorkflow) {
		return err
	}
	return nil
}

func (w *Workflows) signal(ctx context.Context, courseID, studentID, name string, arg any) error {
	id := flows.EnrollmentWorkflowID(courseID, studentID)
	err := w.client.SignalWorkflow(ctx, id, "", name, arg)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return command.ErrNoWorkflow
	}
	if err != nil {
		return fmt.Errorf("signal %s to %s: %w", name, id, err)
	}
	return nil
}
