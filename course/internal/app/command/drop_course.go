package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// DropCourse is the acting student leaving a course, or its waitlist.
type DropCourse struct {
	Caller   course.Caller
	CourseID string
	Reason   string
}

// DropCourse handles DropCourse. The enrollment workflow performs the drop
// (and tells whoever gets the seat); done is false when the drop was handed
// to it, true when no workflow ran and the drop was made here.
func (h EnrollmentHandlers) DropCourse(ctx context.Context, cmd DropCourse) (e *enrollment.Enrollment, done bool, err error) {
	if _, err := h.visibleCourse(ctx, cmd.Caller, cmd.CourseID); err != nil {
		return nil, false, err
	}
	e, err = h.enrollments.Current(ctx, cmd.CourseID, cmd.Caller.UserID)
	if err != nil {
		return nil, false, err
	}
	// Check the transition on a copy, so a refused drop is answered now
	// rather than failing later inside the workflow.
	if _, err := enrollment.Rehydrate(e.Snapshot()).Drop(cmd.Reason, h.now()); err != nil {
		return nil, false, err
	}
	err = h.workflows.RequestDrop(ctx, cmd.CourseID, cmd.Caller.UserID, cmd.Reason)
	if err == nil {
		return e, false, nil
	}
	if !errors.Is(err, ErrNoWorkflow) {
		return nil, false, fmt.Errorf("drop %s: %w", e.ID(), err)
	}
	dropped, promoted, err := h.Drop(ctx, DropEnrollment{EnrollmentID: e.ID(), Reason: cmd.Reason})
	if err != nil {
		return nil, false, err
	}
	if promoted != nil {
		// The seat is recorded either way; a promoted student whose workflow
		// no longer runs simply has nothing to wake.
		if err := h.workflows.Promoted(ctx, promoted.CourseID(), promoted.StudentID()); err != nil && !errors.Is(err, ErrNoWorkflow) {
			return nil, false, fmt.Errorf("tell %s of their seat: %w", promoted.ID(), err)
		}
	}
	return dropped, true, nil
}
