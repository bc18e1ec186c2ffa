package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// SetEnrollmentPolicy changes how a course admits students: open, or by
// approval with the deadlines of a pending request (absent ones take the
// defaults).
type SetEnrollmentPolicy struct {
	Caller    course.Caller
	CourseID  string
	Admission course.Admission
}

// SetEnrollmentPolicy handles SetEnrollmentPolicy for the course's owner,
// co-teachers and administrators, and returns the course as saved.
// Requests pending already keep their deadlines.
func (h CourseHandlers) SetEnrollmentPolicy(ctx context.Context, cmd SetEnrollmentPolicy) (*course.Course, error) {
	return manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.SetAdmission(cmd.Admission, h.now.Now())
	})
}
