package query

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
	"lms/shared/errs"
)

// ErrForbidden means the caller's role does not allow the query at all.
var ErrForbidden = errs.ErrForbidden

// ErrNotEnrolled means a student asked for lessons of a course they hold no
// seat in.
var ErrNotEnrolled = errs.New(errs.PermissionDenied, "not-enrolled", "only students enrolled in the course can open its lessons")

// staffCourse returns a course the caller may act on with need access (see
// course.Access): a member of its staff with less gets ErrForbidden, other
// teachers course.ErrNotFound, and callers without a teaching role
// ErrForbidden whether the course exists or not.
func staffCourse(ctx context.Context, courses course.Repository, a caller.Caller, courseID string, need course.Access) (*course.Course, error) {
	c, err := courses.Get(ctx, courseID)
	if err == nil {
		err = c.Require(a, need)
	}
	if errors.Is(err, course.ErrNotFound) && !a.Has(course.RoleTeacher) && !a.Has(course.RoleAdmin) {
		err = ErrForbidden
	}
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", courseID, err)
	}
	return c, nil
}

func requireStudent(a caller.Caller) error {
	if !a.Has(course.RoleStudent) {
		return ErrForbidden
	}
	return nil
}

// adminOnly answers webhook.ErrAdminOnly unless c is an administrator.
func adminOnly(c caller.Caller) error {
	if !c.Has(course.RoleAdmin) {
		return webhook.ErrAdminOnly
	}
	return nil
}
