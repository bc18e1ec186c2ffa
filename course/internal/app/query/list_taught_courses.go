package query

import (
	"context"

	"lms/shared/caller"
)

// ListTaughtCoursesInput is what ListTaughtCourses is asked.
type ListTaughtCoursesInput struct {
	Caller caller.Caller
}

// ListTaughtCourses lists the courses where the caller is on the staff (owner,
// co-teacher, teaching assistant or observer). Anyone signed in may ask: a
// student of one course may assist in another.
type ListTaughtCourses struct {
	read ReadModel
}

// NewListTaughtCourses returns the ListTaughtCourses use case.
func NewListTaughtCourses(read ReadModel) *ListTaughtCourses {
	return &ListTaughtCourses{read: read}
}

// Handle answers the query.
func (h *ListTaughtCourses) Handle(ctx context.Context, in ListTaughtCoursesInput) ([]CourseSummary, error) {
	return h.read.TaughtBy(ctx, in.Caller.UserID)
}
