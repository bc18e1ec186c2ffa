package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// EnrollmentHandlers hold what the enrollment use cases need: the students'
// requests, drops and progress, and the activities of the enrollment workflow.
type EnrollmentHandlers struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
	newID       IDs
	grades      GradeScores // nil: final grades from the workflow's scores alone
}

// NewEnrollmentHandlers returns the handlers of the enrollment use cases.
func NewEnrollmentHandlers(courses course.Repository, enrollments enrollment.Repository, now Clock, newID IDs) EnrollmentHandlers {
	return EnrollmentHandlers{courses: courses, enrollments: enrollments, now: now, newID: newID}
}

// visibleCourse returns a course the student may see; drafts do not exist
// for them.
func (h EnrollmentHandlers) visibleCourse(ctx context.Context, a course.Caller, courseID string) (*course.Course, error) {
	if !a.Is(course.RoleStudent) {
		return nil, ErrForbidden
	}
	c, err := h.courses.Get(ctx, courseID)
	if err != nil {
		return nil, err
	}
	if !c.VisibleTo(a.UserID) {
		return nil, course.ErrNotFound
	}
	return c, nil
}
