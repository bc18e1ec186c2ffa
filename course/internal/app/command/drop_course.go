package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// DropCourseInput is what DropCourse is asked.
type DropCourseInput struct {
	Caller   caller.Caller
	CourseID string
	Reason   string
}

// DropCourse is the acting student leaving a course, or its waitlist.
type DropCourse struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewDropCourse returns the DropCourse use case.
func NewDropCourse(courses course.Repository, enrollments enrollment.Repository, now Clock) *DropCourse {
	return &DropCourse{courses: courses, enrollments: enrollments, now: now}
}

// Handle asks for the drop. The drop request is saved with the signal
// that hands it to the enrollment workflow, which drops the enrollment (and
// tells whoever gets the seat); when no workflow runs, the relay that sends
// the signal makes the drop itself. It returns the enrollment as it is
// until then. A drop the enrollment does not allow is refused at once.
func (h *DropCourse) Handle(ctx context.Context, in DropCourseInput) (*enrollment.Enrollment, error) {
	if _, err := visibleCourse(ctx, h.courses, in.Caller, in.CourseID); err != nil {
		return nil, err
	}
	cur, err := h.enrollments.Current(ctx, in.CourseID, in.Caller.UserID)
	if err != nil {
		return nil, err
	}
	var saved *enrollment.Enrollment
	err = h.enrollments.Update(ctx, cur.ID(), func(e *enrollment.Enrollment) error {
		saved = e
		return e.RequestDrop(in.Reason, h.now.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("drop %s: %w", cur.ID(), err)
	}
	return saved, nil
}
