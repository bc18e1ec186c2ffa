package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// manage changes a course the caller may manage and returns it as saved.
// Everyone else, students included, learns nothing about the course: they
// get course.ErrNotFound. Callers without a teaching role are refused first.
func manage(ctx context.Context, courses course.Repository, a course.Caller, courseID string, fn func(*course.Course) error) (*course.Course, error) {
	if !a.Is(course.RoleTeacher) && !a.Is(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	var saved *course.Course
	err := courses.Update(ctx, courseID, func(c *course.Course) error {
		if !c.CanManage(a) {
			return course.ErrNotFound
		}
		saved = c
		return fn(c)
	})
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", courseID, err)
	}
	return saved, nil
}

// CourseHandlers hold what every teacher's change of a course needs; the
// enrollments and workflows fill seats a larger capacity frees.
type CourseHandlers struct {
	courses     course.Repository
	enrollments enrollment.Repository
	workflows   Workflows
	now         Clock
	newID       IDs
}

// NewCourseHandlers returns the handlers of the course-editing use cases.
func NewCourseHandlers(courses course.Repository, enrollments enrollment.Repository, workflows Workflows, now Clock, newID IDs) CourseHandlers {
	return CourseHandlers{courses: courses, enrollments: enrollments, workflows: workflows, now: now, newID: newID}
}
