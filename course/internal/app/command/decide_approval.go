package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// DecideApprovalInput is what DecideApproval is asked.
type DecideApprovalInput struct {
	Caller       caller.Caller
	CourseID     string
	EnrollmentID string
	Approve      bool
	Reason       string
}

// DecideApproval is a teacher's decision on a request to a course that
// enrolls by approval: approve it, or refuse it with a reason the student
// reads.
type DecideApproval struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewDecideApproval returns the DecideApproval use case.
func NewDecideApproval(courses course.Repository, enrollments enrollment.Repository, now Clock) *DecideApproval {
	return &DecideApproval{courses: courses, enrollments: enrollments, now: now}
}

// Handle records the decision. The course's owner, co-teachers
// and administrators decide (edit access: admitting students is a setting
// of the course, so teaching assistants and observers get ErrForbidden).
// The decision is saved with the signal that wakes the request's workflow,
// which then asks for the outcome: an approved request takes a seat or
// joins the waitlist, a refused one is rejected. A request decided already
// answers enrollment.ErrNotPending.
func (h *DecideApproval) Handle(ctx context.Context, in DecideApprovalInput) (*enrollment.Enrollment, error) {
	c, err := h.courses.Get(ctx, in.CourseID)
	if err == nil {
		err = c.Require(in.Caller, course.EditAccess)
	}
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", in.CourseID, hidden(in.Caller, err))
	}
	var saved *enrollment.Enrollment
	err = h.enrollments.Update(ctx, in.EnrollmentID, func(e *enrollment.Enrollment) error {
		if e.CourseID() != in.CourseID {
			return enrollment.ErrNotFound
		}
		saved = e
		if in.Approve {
			return e.Approve(in.Caller.UserID, h.now.Now())
		}
		return e.Refuse(in.Caller.UserID, in.Reason, h.now.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("decide %s: %w", in.EnrollmentID, err)
	}
	return saved, nil
}
