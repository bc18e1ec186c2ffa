package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
)

// GradebookHandlers change a course's weighted gradebook: its setup (owner,
// co-teachers, administrators), its manual grades (also teaching
// assistants), overrides and excused items (owner, co-teachers,
// administrators). Every change recomputes the final grades it touches in
// the same transaction and announces each change of one once.
type GradebookHandlers struct {
	courses course.Repository
	books   gradebook.Repository
	now     Clock
}

// NewGradebookHandlers returns the gradebook's use cases.
func NewGradebookHandlers(courses course.Repository, books gradebook.Repository, now Clock) GradebookHandlers {
	return GradebookHandlers{courses: courses, books: books, now: now}
}

// ChangeGradebook is one change of a course's gradebook by a caller.
type ChangeGradebook struct {
	Caller   course.Caller
	CourseID string
	Change   gradebook.Change
}

// ChangeGradebook applies the change and answers what it changed.
func (h GradebookHandlers) ChangeGradebook(ctx context.Context, cmd ChangeGradebook) (gradebook.Outcome, error) {
	need := course.EditAccess
	if _, ok := cmd.Change.(gradebook.Grade); ok {
		need = course.GradeAccess
	}
	if err := h.require(ctx, cmd.Caller, cmd.CourseID, need); err != nil {
		return gradebook.Outcome{}, err
	}
	out, err := h.books.Apply(ctx, cmd.CourseID, cmd.Change, gradebook.Meta{By: cmd.Caller.UserID, At: h.now.Now()}, false)
	if err != nil {
		return gradebook.Outcome{}, fmt.Errorf("gradebook of %s: %w", cmd.CourseID, err)
	}
	return out, nil
}

// ImportGrades sets manual grades from a file's rows: all of them, or with
// one bad row none; a dry run reports what would change and changes
// nothing.
type ImportGrades struct {
	Caller   course.Caller
	CourseID string
	Items    []string
	Rows     []gradebook.ImportRow
	// Unreadable are the lines the file's reader could not read.
	Unreadable []gradebook.RowError
	DryRun     bool
}

// ImportGrades applies the import (the graders may: manual grades are
// theirs). Bad rows come back with ErrImportRefused, every one of them.
func (h GradebookHandlers) ImportGrades(ctx context.Context, cmd ImportGrades) (gradebook.Outcome, []gradebook.RowError, error) {
	if err := h.require(ctx, cmd.Caller, cmd.CourseID, course.GradeAccess); err != nil {
		return gradebook.Outcome{}, nil, err
	}
	if len(cmd.Unreadable) > 0 {
		return gradebook.Outcome{}, cmd.Unreadable, gradebook.ErrImportRefused
	}
	im := &gradebook.Import{Items: cmd.Items, Rows: cmd.Rows}
	out, bad, err := h.books.Import(ctx, cmd.CourseID, im, gradebook.Meta{By: cmd.Caller.UserID, At: h.now.Now()}, cmd.DryRun)
	if err != nil {
		return gradebook.Outcome{}, bad, fmt.Errorf("import into the gradebook of %s: %w", cmd.CourseID, err)
	}
	return out, nil, nil
}

// require answers nil when the caller may act on the course's gradebook
// with need access; see manage for who learns what.
func (h GradebookHandlers) require(ctx context.Context, a course.Caller, courseID string, need course.Access) error {
	c, err := h.courses.Get(ctx, courseID)
	if err == nil {
		err = c.Require(a, need)
	}
	if err != nil {
		return fmt.Errorf("course %s: %w", courseID, hidden(a, err))
	}
	return nil
}
