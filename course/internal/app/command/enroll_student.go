package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// EnrollStudentInput is what EnrollStudent is asked.
type EnrollStudentInput struct {
	Caller   caller.Caller
	CourseID string
}

// EnrollStudentOutput is the requested enrollment and whether this call
// created it.
type EnrollStudentOutput struct {
	Enrollment *enrollment.Enrollment
	Created    bool
}

// EnrollStudent asks for a seat in a course for the acting student. The
// request is recorded together with the start of its enrollment workflow
// (the repository writes both in one transaction and a relay performs the
// start), and the workflow decides it: seat, waitlist or rejection.
type EnrollStudent struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
	newID       IDs
}

// NewEnrollStudent returns the EnrollStudent use case.
func NewEnrollStudent(courses course.Repository, enrollments enrollment.Repository, now Clock, newID IDs) *EnrollStudent {
	return &EnrollStudent{courses: courses, enrollments: enrollments, now: now, newID: newID}
}

// Handle asks for the seat. It returns the requested enrollment
// and whether this call created it: repeating a request that is still being
// decided (a double click) returns the same enrollment and records nothing
// new.
func (h *EnrollStudent) Handle(ctx context.Context, cmd EnrollStudentInput) (EnrollStudentOutput, error) {
	c, err := visibleCourse(ctx, h.courses, cmd.Caller, cmd.CourseID)
	if err != nil {
		return EnrollStudentOutput{}, err
	}
	student := cmd.Caller.UserID
	if c.RoleOf(student) != "" {
		return EnrollStudentOutput{}, course.ErrStaffCannotEnroll
	}
	if e, err := h.pending(ctx, cmd.CourseID, student); e != nil || err != nil {
		return EnrollStudentOutput{Enrollment: e}, err
	}
	now := h.now.Now()
	if err := c.AcceptsEnrollments(now); err != nil {
		return EnrollStudentOutput{}, err
	}
	for _, p := range c.Details().Prerequisites {
		done, err := h.enrollments.Current(ctx, p, student)
		if errors.Is(err, enrollment.ErrNotFound) || (err == nil && done.Status() != enrollment.StatusCompleted) {
			return EnrollStudentOutput{}, enrollment.ErrPrerequisites.With("course_id", p)
		}
		if err != nil {
			return EnrollStudentOutput{}, fmt.Errorf("prerequisite %s: %w", p, err)
		}
	}
	e := enrollment.Request(h.newID.NewID(), c.ID(), student, now)
	if err := h.enrollments.Add(ctx, e); err != nil {
		if errors.Is(err, enrollment.ErrAlreadyEnrolled) {
			// A concurrent request won the race; answer as if repeated.
			if e, err := h.pending(ctx, cmd.CourseID, student); e != nil || err != nil {
				return EnrollStudentOutput{Enrollment: e}, err
			}
		}
		return EnrollStudentOutput{}, fmt.Errorf("enroll %s in %s: %w", student, c.ID(), err)
	}
	return EnrollStudentOutput{Enrollment: e, Created: true}, nil
}

// pending returns the student's request in the course that is still being
// decided (or waits for approval); an enrollment that is decided already answers
// ErrAlreadyEnrolled; no enrollment answers nil. Its workflow start was
// recorded with it, so a repeat has nothing to repair.
func (h *EnrollStudent) pending(ctx context.Context, courseID, student string) (*enrollment.Enrollment, error) {
	e, err := h.enrollments.Current(ctx, courseID, student)
	switch {
	case errors.Is(err, enrollment.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("enrollment of %s in %s: %w", student, courseID, err)
	case e.Status() != enrollment.StatusRequested && e.Status() != enrollment.StatusPendingApproval:
		return nil, enrollment.ErrAlreadyEnrolled.With("status", string(e.Status()))
	}
	return e, nil
}
