package query

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
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

// WithBooks returns the handlers reading weighted gradebooks from r.
func (h Handlers) WithBooks(r BookReader) Handlers {
	h.books = r
	return h
}

// GradebookSetup returns a course's categories, items and letter scheme to
// its whole staff (observers included) and administrators.
func (h Handlers) GradebookSetup(ctx context.Context, a course.Caller, courseID string) (gradebook.Setup, error) {
	if _, err := h.staffCourse(ctx, a, courseID, course.ReadAccess); err != nil {
		return gradebook.Setup{}, err
	}
	s, err := h.books.Setup(ctx, courseID)
	if err != nil {
		return gradebook.Setup{}, fmt.Errorf("gradebook setup of %s: %w", courseID, err)
	}
	return s, nil
}

// GradebookBook returns the whole weighted gradebook to those who see
// grades (owner, co-teachers, teaching assistants, administrators).
func (h Handlers) GradebookBook(ctx context.Context, a course.Caller, courseID string) (Book, error) {
	if _, err := h.staffCourse(ctx, a, courseID, course.GradeAccess); err != nil {
		return Book{}, err
	}
	b, err := h.book(ctx, courseID, "")
	if err != nil {
		return Book{}, err
	}
	ids := make([]string, len(b.Rows))
	for i, r := range b.Rows {
		ids[i] = r.ID
	}
	people, err := h.names(ctx, ids)
	if err != nil {
		return Book{}, err
	}
	for i := range b.Rows {
		b.Rows[i].Student = people[b.Rows[i].ID]
	}
	return b, nil
}

// MyGradebook returns the acting student's own row of a course's gradebook:
// her released grades, categories, final grade and letter.
func (h Handlers) MyGradebook(ctx context.Context, a course.Caller, courseID string) (Book, error) {
	if err := requireStudent(a); err != nil {
		return Book{}, err
	}
	b, err := h.book(ctx, courseID, a.UserID)
	if err != nil {
		return Book{}, err
	}
	if len(b.Rows) == 0 {
		return Book{}, fmt.Errorf("gradebook of %s: %w", courseID, ErrNotEnrolled)
	}
	return b, nil
}

// GradebookAudit lists who graded, excused and overrode what, when and why,
// for those who see grades.
func (h Handlers) GradebookAudit(ctx context.Context, a course.Caller, courseID string) ([]AuditEntry, error) {
	if _, err := h.staffCourse(ctx, a, courseID, course.GradeAccess); err != nil {
		return nil, err
	}
	entries, err := h.books.Audit(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("gradebook history of %s: %w", courseID, err)
	}
	return entries, nil
}

func (h Handlers) book(ctx context.Context, courseID, studentID string) (Book, error) {
	s, students, err := h.books.Book(ctx, courseID, studentID)
	if err != nil {
		return Book{}, fmt.Errorf("gradebook of %s: %w", courseID, err)
	}
	b := Book{Setup: s, Rows: make([]BookRow, len(students))}
	for i, st := range students {
		b.Rows[i] = BookRow{BookStudent: st, Result: s.Compute(st.Student)}
	}
	return b, nil
}
