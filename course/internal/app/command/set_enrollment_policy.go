package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// SetEnrollmentPolicyInput is what SetEnrollmentPolicy is asked.
type SetEnrollmentPolicyInput struct {
	Caller    caller.Caller
	CourseID  string
	Admission course.Admission
}

// SetEnrollmentPolicy changes how a course admits students: open, or by
// approval with the deadlines of a pending request (absent ones take the
// defaults).
type SetEnrollmentPolicy struct {
	courses course.Repository
	now     Clock
}

// NewSetEnrollmentPolicy returns the SetEnrollmentPolicy use case.
func NewSetEnrollmentPolicy(courses course.Repository, now Clock) *SetEnrollmentPolicy {
	return &SetEnrollmentPolicy{courses: courses, now: now}
}

// Handle handles SetEnrollmentPolicy for the course's owner,
// co-teachers and administrators, and returns the course as saved.
// Requests pending already keep their deadlines.
func (h *SetEnrollmentPolicy) Handle(ctx context.Context, in SetEnrollmentPolicyInput) (*course.Course, error) {
	return manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.SetAdmission(in.Admission, h.now.Now())
	})
}
