package query

import (
	"context"
	"errors"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// CourseView is a course as one caller may see it.
type CourseView struct {
	Course *course.Course
	// Access is what the caller may do with the course; its staff
	// (course.ReadAccess and up) see drafts, every lesson and the withdrawn
	// tests.
	Access course.Access
	// Enrollment is the calling student's open enrollment, if any.
	Enrollment *enrollment.Enrollment
	// WithdrawnTests are the required tests assessment withdrew (unpublished
	// or deleted), which no longer count; for those who manage the course.
	WithdrawnTests []string
}

// Course returns a course: drafts only to those who manage them; to everyone
// else a draft does not exist.
func (h Handlers) Course(ctx context.Context, a course.Caller, courseID string) (CourseView, error) {
	c, err := h.courses.Get(ctx, courseID)
	if err != nil {
		return CourseView{}, err
	}
	v := CourseView{Course: c, Access: c.AccessOf(a)}
	if v.Access < course.ReadAccess && c.Status() == course.StatusDraft {
		return CourseView{}, course.ErrNotFound
	}
	if v.Access >= course.ReadAccess {
		withdrawn, err := h.read.WithdrawnTests(ctx, courseID)
		if err != nil {
			return CourseView{}, err
		}
		v.WithdrawnTests = slices.DeleteFunc(withdrawn, func(id string) bool { return !slices.Contains(c.Details().RequiredTests, id) })
	}
	if a.Is(course.RoleStudent) {
		e, err := h.enrollments.Current(ctx, courseID, a.UserID)
		if err != nil && !errors.Is(err, enrollment.ErrNotFound) {
			return CourseView{}, err
		}
		v.Enrollment = e
	}
	return v, nil
}

// TaughtBy lists the courses where the caller is on the staff (owner,
// co-teacher, teaching assistant or observer). Anyone signed in may ask: a
// student of one course may assist in another.
func (h Handlers) TaughtBy(ctx context.Context, a course.Caller) ([]CourseSummary, error) {
	return h.read.TaughtBy(ctx, a.UserID)
}
