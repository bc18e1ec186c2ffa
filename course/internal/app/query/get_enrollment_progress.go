package query

import (
	"context"
	"fmt"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// EnrollmentProgress is what the enrollment workflow needs to decide
// completion.
type EnrollmentProgress struct {
	Progress      enrollment.Progress
	RequiredTests []string
}

// GetEnrollmentProgressInput is what GetEnrollmentProgress is asked.
type GetEnrollmentProgressInput struct {
	EnrollmentID string
}

// GetEnrollmentProgress reports an enrollment's lessons done of the course's
// published lessons and the tests the course requires (the enrollment
// workflow's activity), less those assessment withdrew: no student could
// pass a test that was unpublished or deleted.
type GetEnrollmentProgress struct {
	courses     course.Repository
	enrollments enrollment.Repository
	read        ReadModel
}

// NewGetEnrollmentProgress returns the GetEnrollmentProgress use case.
func NewGetEnrollmentProgress(courses course.Repository, enrollments enrollment.Repository, read ReadModel) *GetEnrollmentProgress {
	return &GetEnrollmentProgress{courses: courses, enrollments: enrollments, read: read}
}

// Handle answers the query.
func (h *GetEnrollmentProgress) Handle(ctx context.Context, in GetEnrollmentProgressInput) (EnrollmentProgress, error) {
	e, err := h.enrollments.Get(ctx, in.EnrollmentID)
	if err != nil {
		return EnrollmentProgress{}, err
	}
	c, err := h.courses.Get(ctx, e.CourseID())
	if err != nil {
		return EnrollmentProgress{}, fmt.Errorf("course of enrollment %s: %w", in.EnrollmentID, err)
	}
	ls := c.PublishedLessons()
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	withdrawn, err := h.read.WithdrawnTests(ctx, e.CourseID())
	if err != nil {
		return EnrollmentProgress{}, err
	}
	required := slices.DeleteFunc(slices.Clone(c.Details().RequiredTests), func(id string) bool {
		return slices.Contains(withdrawn, id)
	})
	return EnrollmentProgress{Progress: e.Progress(ids), RequiredTests: required}, nil
}
