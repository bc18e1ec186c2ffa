// Package temporal starts and signals the enrollment workflows the course
// service drives, under the names and ids of the shared/flows contract.
package temporal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"lms/course/internal/app/command"
	"lms/shared/flows"
)

// Workflows starts and signals enrollment workflows for the course
// service's start relay.
type Workflows struct {
	client    client.Client
	taskQueue string
}

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

// SignalEnrollment sends a recorded signal, with its payload (nil for
// none), to the student's enrollment workflow; one that does not run
// answers command.ErrNoWorkflow.
func (w *Workflows) SignalEnrollment(ctx context.Context, courseID, studentID, name string, payload json.RawMessage) error {
	var arg any
	if len(payload) > 0 {
		arg = payload // encoded as the JSON it is
	}
	return w.signal(ctx, courseID, studentID, name, arg)
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
