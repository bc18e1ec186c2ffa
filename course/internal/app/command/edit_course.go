package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// EditCourseInput is what EditCourse is asked.
type EditCourseInput struct {
	Caller   caller.Caller
	CourseID string
	Details  course.Details
}

// EditCourse replaces a course's details.
type EditCourse struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewEditCourse returns the EditCourse use case.
func NewEditCourse(courses course.Repository, enrollments enrollment.Repository, now Clock) *EditCourse {
	return &EditCourse{courses: courses, enrollments: enrollments, now: now}
}

// Handle returns the course as saved. When the
// capacity of a published course grows (or its limit goes), the new seats go
// to the waitlist at once, in line order, each promotion saved with the
// signal that tells the student's workflow.
func (h *EditCourse) Handle(ctx context.Context, in EditCourseInput) (*course.Course, error) {
	var grew bool
	c, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		before := c.Details().Capacity
		if err := c.Edit(in.Details, h.now.Now()); err != nil {
			return err
		}
		after := c.Details().Capacity
		grew = before != 0 && (after == 0 || after > before)
		return nil
	})
	if err != nil || !grew || c.Status() != course.StatusPublished {
		return c, err
	}
	if _, err := h.enrollments.FillSeats(ctx, c.ID(), h.now.Now()); err != nil {
		return nil, fmt.Errorf("fill the new seats of %s: %w", c.ID(), err)
	}
	return c, nil
}
