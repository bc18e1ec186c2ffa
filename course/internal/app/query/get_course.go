package query

import (
	"context"
	"errors"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
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

// GetCourseInput is what GetCourse is asked.
type GetCourseInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetCourse returns a course: drafts only to those who manage them; to everyone
// else a draft does not exist.
type GetCourse struct {
	courses     course.Repository
	enrollments enrollment.Repository
	read        ReadModel
}

// NewGetCourse returns the GetCourse use case.
func NewGetCourse(courses course.Repository, enrollments enrollment.Repository, read ReadModel) *GetCourse {
	return &GetCourse{courses: courses, enrollments: enrollments, read: read}
}

// Handle answers the query.
func (h *GetCourse) Handle(ctx context.Context, in GetCourseInput) (CourseView, error) {
	c, err := h.courses.Get(ctx, in.CourseID)
	if err != nil {
		return CourseView{}, err
	}
	v := CourseView{Course: c, Access: c.AccessOf(in.Caller)}
	if v.Access < course.ReadAccess && c.Status() == course.StatusDraft {
		return CourseView{}, course.ErrNotFound
	}
	if v.Access >= course.ReadAccess {
		withdrawn, err := h.read.WithdrawnTests(ctx, in.CourseID)
		if err != nil {
			return CourseView{}, err
		}
		v.WithdrawnTests = slices.DeleteFunc(withdrawn, func(id string) bool { return !slices.Contains(c.Details().RequiredTests, id) })
	}
	if in.Caller.Has(course.RoleStudent) {
		e, err := h.enrollments.Current(ctx, in.CourseID, in.Caller.UserID)
		if err != nil && !errors.Is(err, enrollment.ErrNotFound) {
			return CourseView{}, err
		}
		v.Enrollment = e
	}
	return v, nil
}
