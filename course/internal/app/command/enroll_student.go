package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// EnrollStudent asks for a seat in a course for the acting student. The
// request is recorded and the enrollment workflow decides it (seat, waitlist
// or rejection).
type EnrollStudent struct {
	Actor    course.Actor
	CourseID string
}

// EnrollStudent handles EnrollStudent. It returns the requested enrollment
// and whether this call created it: repeating a request that is still being
// decided (a double click) returns the same enrollment and starts nothing new.
func (h EnrollmentHandlers) EnrollStudent(ctx context.Context, cmd EnrollStudent) (*enrollment.Enrollment, bool, error) {
	c, err := h.visibleCourse(ctx, cmd.Actor, cmd.CourseID)
	if err != nil {
		return nil, false, err
	}
	student := cmd.Actor.UserID
	if e, err := h.pending(ctx, cmd.CourseID, student); e != nil || err != nil {
		return e, false, err
	}
	now := h.now()
	if err := c.AcceptsEnrollments(now); err != nil {
		return nil, false, err
	}
	for _, p := range c.Details().Prerequisites {
		done, err := h.enrollments.Current(ctx, p, student)
		if errors.Is(err, enrollment.ErrNotFound) || (err == nil && done.Status() != enrollment.StatusCompleted) {
			return nil, false, enrollment.ErrPrerequisites.With("course_id", p)
		}
		if err != nil {
			return nil, false, fmt.Errorf("prerequisite %s: %w", p, err)
		}
	}
	e := enrollment.Request(h.newID(), c.ID(), student, now)
	if err := h.enrollments.Add(ctx, e); err != nil {
		if errors.Is(err, enrollment.ErrAlreadyEnrolled) {
			// A concurrent request won the race; answer as if repeated.
			if e, err := h.pending(ctx, cmd.CourseID, student); e != nil || err != nil {
				return e, false, err
			}
		}
		return nil, false, fmt.Errorf("enroll %s in %s: %w", student, c.ID(), err)
	}
	if err := h.start(ctx, e); err != nil {
		return nil, false, err
	}
	return e, true, nil
}

// pending returns the student's request in the course that is still being
// decided, having made sure its workflow runs; an enrollment that is decided
// already answers ErrAlreadyEnrolled; no enrollment answers nil.
func (h EnrollmentHandlers) pending(ctx context.Context, courseID, student string) (*enrollment.Enrollment, error) {
	e, err := h.enrollments.Current(ctx, courseID, student)
	switch {
	case errors.Is(err, enrollment.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("enrollment of %s in %s: %w", student, courseID, err)
	case e.Status() != enrollment.StatusRequested:
		return nil, enrollment.ErrAlreadyEnrolled.With("status", string(e.Status()))
	}
	// Starting again is harmless (same workflow id) and repairs a request
	// whose first start failed after it was recorded.
	return e, h.start(ctx, e)
}

func (h EnrollmentHandlers) start(ctx context.Context, e *enrollment.Enrollment) error {
	err := h.workflows.StartEnrollment(ctx, EnrollmentStart{
		EnrollmentID: e.ID(), CourseID: e.CourseID(), StudentID: e.StudentID(), RequestedAt: e.Times().Requested,
	})
	if err != nil {
		return fmt.Errorf("start enrollment workflow of %s: %w", e.ID(), err)
	}
	return nil
}
