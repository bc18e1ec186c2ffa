package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// manage changes a course the caller may act on with need access (see
// course.Access) and returns it as saved. A member of its staff with less
// access gets ErrForbidden; other teachers learn nothing about the course
// (course.ErrNotFound); callers without a teaching role get ErrForbidden
// whether the course exists or not.
func manage(ctx context.Context, courses course.Repository, a caller.Caller, courseID string, need course.Access, fn func(*course.Course) error) (*course.Course, error) {
	var saved *course.Course
	err := courses.Update(ctx, courseID, func(c *course.Course) error {
		if err := c.Require(a, need); err != nil {
			return err
		}
		saved = c
		return fn(c)
	})
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", courseID, hidden(a, err))
	}
	return saved, nil
}

// hidden turns "no such course" into ErrForbidden for a caller without a
// teaching role: whether a course exists is none of their business.
func hidden(a caller.Caller, err error) error {
	if errors.Is(err, course.ErrNotFound) && !a.Has(course.RoleTeacher) && !a.Has(course.RoleAdmin) {
		return ErrForbidden
	}
	return err
}

// visibleCourse returns a course the student may see; drafts do not exist
// for them.
func visibleCourse(ctx context.Context, courses course.Repository, a caller.Caller, courseID string) (*course.Course, error) {
	if !a.Has(course.RoleStudent) {
		return nil, ErrForbidden
	}
	c, err := courses.Get(ctx, courseID)
	if err != nil {
		return nil, err
	}
	if !c.VisibleTo(a.UserID) {
		return nil, course.ErrNotFound
	}
	return c, nil
}
