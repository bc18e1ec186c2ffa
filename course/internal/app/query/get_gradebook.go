package query

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/shared/caller"
)

// BookStudent is one student's row of a gradebook as stored.
type BookStudent struct {
	gradebook.Student
	EnrollmentID string
	// Version counts the changes of the student's final grade.
	Version int64
}

// AuditEntry is one recorded manual grade, excused item or override.
type AuditEntry struct {
	StudentID, ItemID string
	// Action is grade, excused, excuse_removed, item_override or
	// final_override.
	Action          string
	Previous, Value *float64
	Reason          string
	By              string
	At              time.Time
}

// BookReader reads the weighted gradebooks.
type BookReader interface {
	// Setup returns the course's categories, items and letter scheme.
	Setup(ctx context.Context, courseID string) (gradebook.Setup, error)
	// Book returns the course's setup and its students' rows (one
	// student's when studentID is not empty), counting released grades
	// only.
	Book(ctx context.Context, courseID, studentID string) (gradebook.Setup, []BookStudent, error)
	// Audit lists the course's recorded grades, excused items and
	// overrides, oldest first.
	Audit(ctx context.Context, courseID string) ([]AuditEntry, error)
}

// BookRow is a student's row with what the rules make of it.
type BookRow struct {
	BookStudent
	Result gradebook.Result
	// Student is the student's name, for the staff's book only.
	Student Person
}

// Book is a whole gradebook: the setup and a row per student.
type Book struct {
	Setup gradebook.Setup
	Rows  []BookRow
}

// readBook reads a course's weighted gradebook, or one student's row of it.
func readBook(ctx context.Context, books BookReader, courseID, studentID string) (Book, error) {
	s, students, err := books.Book(ctx, courseID, studentID)
	if err != nil {
		return Book{}, fmt.Errorf("gradebook of %s: %w", courseID, err)
	}
	b := Book{Setup: s, Rows: make([]BookRow, len(students))}
	for i, st := range students {
		b.Rows[i] = BookRow{BookStudent: st, Result: s.Compute(st.Student)}
	}
	return b, nil
}

// GetGradebookInput is what GetGradebook is asked.
type GetGradebookInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetGradebook returns the whole weighted gradebook to those who see
// grades (owner, co-teachers, teaching assistants, administrators).
type GetGradebook struct {
	courses course.Repository
	books   BookReader
	names   names
}

// NewGetGradebook returns the GetGradebook use case; showEmails shows students' emails to
// their teachers.
func NewGetGradebook(courses course.Repository, books BookReader, read ReadModel, showEmails bool) *GetGradebook {
	return &GetGradebook{courses: courses, books: books, names: names{read: read, hideEmails: !showEmails}}
}

// Handle answers the query.
func (h *GetGradebook) Handle(ctx context.Context, in GetGradebookInput) (Book, error) {
	if _, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.GradeAccess); err != nil {
		return Book{}, err
	}
	b, err := readBook(ctx, h.books, in.CourseID, "")
	if err != nil {
		return Book{}, err
	}
	ids := make([]string, len(b.Rows))
	for i, r := range b.Rows {
		ids[i] = r.ID
	}
	people, err := h.names.of(ctx, ids)
	if err != nil {
		return Book{}, err
	}
	for i := range b.Rows {
		b.Rows[i].Student = people[b.Rows[i].ID]
	}
	return b, nil
}
