package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/shared/caller"
)

// ImportGradesInput is what ImportGrades is asked.
type ImportGradesInput struct {
	Caller   caller.Caller
	CourseID string
	Items    []string
	Rows     []gradebook.ImportRow
	// Unreadable are the lines the file's reader could not read.
	Unreadable []gradebook.RowError
	DryRun     bool
}

// ImportGradesOutput is what an import changed (or would change), or its
// bad rows, every one of them.
type ImportGradesOutput struct {
	Outcome gradebook.Outcome
	Bad     []gradebook.RowError
}

// ImportGrades sets manual grades from a file's rows: all of them, or with
// one bad row none; a dry run reports what would change and changes
// nothing.
type ImportGrades struct {
	courses course.Repository
	books   gradebook.Repository
	now     Clock
}

// NewImportGrades returns the ImportGrades use case.
func NewImportGrades(courses course.Repository, books gradebook.Repository, now Clock) *ImportGrades {
	return &ImportGrades{courses: courses, books: books, now: now}
}

// Handle applies the import (the graders may: manual grades are
// theirs). Bad rows come back with ErrImportRefused, every one of them.
func (h *ImportGrades) Handle(ctx context.Context, in ImportGradesInput) (ImportGradesOutput, error) {
	if err := requireGradebook(ctx, h.courses, in.Caller, in.CourseID, course.GradeAccess); err != nil {
		return ImportGradesOutput{}, err
	}
	if len(in.Unreadable) > 0 {
		return ImportGradesOutput{Bad: in.Unreadable}, gradebook.ErrImportRefused
	}
	im := &gradebook.Import{Items: in.Items, Rows: in.Rows}
	out, bad, err := h.books.Import(ctx, in.CourseID, im, gradebook.Meta{By: in.Caller.UserID, At: h.now.Now()}, in.DryRun)
	if err != nil {
		return ImportGradesOutput{Bad: bad}, fmt.Errorf("import into the gradebook of %s: %w", in.CourseID, err)
	}
	return ImportGradesOutput{Outcome: out}, nil
}
