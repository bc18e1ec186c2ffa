package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/shared/caller"
)

// ChangeGradebookInput is what ChangeGradebook is asked.
type ChangeGradebookInput struct {
	Caller   caller.Caller
	CourseID string
	Change   gradebook.Change
}

// ChangeGradebook makes one change of a course's weighted gradebook: its
// setup (owner, co-teachers, administrators), its manual grades (also
// teaching assistants), overrides and excused items (owner, co-teachers,
// administrators). Every change recomputes the final grades it touches in
// the same transaction and announces each change of one once.
type ChangeGradebook struct {
	courses course.Repository
	books   gradebook.Repository
	now     Clock
}

// NewChangeGradebook returns the ChangeGradebook use case.
func NewChangeGradebook(courses course.Repository, books gradebook.Repository, now Clock) *ChangeGradebook {
	return &ChangeGradebook{courses: courses, books: books, now: now}
}

// Handle applies the change and answers what it changed.
func (h *ChangeGradebook) Handle(ctx context.Context, in ChangeGradebookInput) (gradebook.Outcome, error) {
	need := course.EditAccess
	if _, ok := in.Change.(gradebook.Grade); ok {
		need = course.GradeAccess
	}
	if err := requireGradebook(ctx, h.courses, in.Caller, in.CourseID, need); err != nil {
		return gradebook.Outcome{}, err
	}
	out, err := h.books.Apply(ctx, in.CourseID, in.Change, gradebook.Meta{By: in.Caller.UserID, At: h.now.Now()}, false)
	if err != nil {
		return gradebook.Outcome{}, fmt.Errorf("gradebook of %s: %w", in.CourseID, err)
	}
	return out, nil
}

// requireGradebook answers nil when the caller may act on the course's gradebook
// with need access; see manage for who learns what.
func requireGradebook(ctx context.Context, courses course.Repository, a caller.Caller, courseID string, need course.Access) error {
	c, err := courses.Get(ctx, courseID)
	if err == nil {
		err = c.Require(a, need)
	}
	if err != nil {
		return fmt.Errorf("course %s: %w", courseID, hidden(a, err))
	}
	return nil
}
