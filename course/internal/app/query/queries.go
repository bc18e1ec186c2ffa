package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/errs"
)

// ErrForbidden means the caller's role does not allow the query at all.
var ErrForbidden = errs.ErrForbidden

// ErrNotEnrolled means a student asked for lessons of a course they hold no
// seat in.
var ErrNotEnrolled = errs.New(errs.PermissionDenied, "not-enrolled", "only students enrolled in the course can open its lessons")

// Handlers answer the queries.
type Handlers struct {
	courses      course.Repository
	enrollments  enrollment.Repository
	read         ReadModel
	certificates CertificateReader
	hideEmails   bool
}

// NewHandlers returns the query handlers.
func NewHandlers(courses course.Repository, enrollments enrollment.Repository, read ReadModel) Handlers {
	return Handlers{courses: courses, enrollments: enrollments, read: read}
}

// managed returns a course the caller may manage; to anyone else it does not
// exist.
func (h Handlers) managed(ctx context.Context, a course.Caller, courseID string) (*course.Course, error) {
	if !a.Is(course.RoleTeacher) && !a.Is(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	c, err := h.courses.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", courseID, err)
	}
	if !c.CanManage(a) {
		return nil, course.ErrNotFound
	}
	return c, nil
}

func requireStudent(a course.Caller) error {
	if !a.Is(course.RoleStudent) {
		return ErrForbidden
	}
	return nil
}
