package query

import (
	"context"
	"fmt"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// ListTestsInput is what ListTests is asked.
type ListTestsInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListTests lists the tests the caller may see, newest first: of one course when
// courseID is set (access.ErrCourseNotFound when the caller may not see it),
// otherwise of every course the caller teaches (all tests) or is enrolled in
// (published tests only).
type ListTests struct {
	tests  exam.Repository
	policy access.Policy
}

// NewListTests returns the ListTests use case.
func NewListTests(tests exam.Repository, policy access.Policy) *ListTests {
	return &ListTests{tests: tests, policy: policy}
}

// Handle runs the use case.
func (h *ListTests) Handle(ctx context.Context, in ListTestsInput) ([]TestView, error) {
	c, courseID := in.Caller, in.CourseID
	taught, err := h.policy.TeacherCourses(ctx, c)
	if err != nil {
		return nil, err
	}
	enrolled, err := h.policy.StudentCourses(ctx, c)
	if err != nil {
		return nil, err
	}
	if courseID != "" {
		teaches, err := h.policy.Teaches(ctx, c, courseID)
		if err != nil {
			return nil, err
		}
		reads := slices.Contains(enrolled, courseID)
		if !teaches && !reads {
			return nil, access.ErrCourseNotFound
		}
		taught, enrolled = nil, nil
		if teaches {
			taught = []string{courseID}
		} else {
			enrolled = []string{courseID}
		}
	}
	enrolled = slices.DeleteFunc(enrolled, func(id string) bool { return slices.Contains(taught, id) })
	var views []TestView
	for _, list := range []struct {
		courses []string
		aud     Audience
	}{{taught, AsTeacher}, {enrolled, AsStudent}} {
		if len(list.courses) == 0 {
			continue
		}
		tests, err := h.tests.ListByCourses(ctx, list.courses, list.aud == AsStudent)
		if err != nil {
			return nil, fmt.Errorf("tests of %d courses: %w", len(list.courses), err)
		}
		for _, t := range tests {
			views = append(views, TestView{Test: t, Audience: list.aud})
		}
	}
	slices.SortStableFunc(views, func(a, b TestView) int { return b.Test.CreatedAt().Compare(a.Test.CreatedAt()) })
	return views, nil
}
