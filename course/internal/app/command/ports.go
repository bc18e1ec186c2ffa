// Package command holds the course service's state-changing use cases, one
// file per command, and the ports they need besides the repositories.
package command

import (
	"context"
	"time"

	"lms/shared/errs"
)

// Clock tells the time; tests pass a fixed one.
type Clock func() time.Time

// IDs makes new ids (UUIDv7 in production).
type IDs func() string

// EnrollmentStart is what the enrollment workflow starts with. The
// enrollment repository records it in the transaction that stores the
// request, and a relay hands it to the workflow engine afterwards, so a
// crash between the two loses nothing.
type EnrollmentStart struct {
	EnrollmentID string
	CourseID     string
	StudentID    string
	RequestedAt  time.Time
}

// Workflows signals the enrollment workflow of a student in a course (its
// id derives from the course and the student). Starting it is not here: the
// start is recorded with the request (see EnrollmentStart).
type Workflows interface {
	// RequestDrop asks the running workflow to drop the enrollment; it
	// answers ErrNoWorkflow when none runs.
	RequestDrop(ctx context.Context, courseID, studentID, reason string) error
	// LessonCompleted tells the running workflow about progress; it answers
	// ErrNoWorkflow when none runs.
	LessonCompleted(ctx context.Context, courseID, studentID, lessonID string) error
	// Promoted tells a waitlisted student's workflow that it holds a seat now.
	Promoted(ctx context.Context, courseID, studentID string) error
}

// ErrNoWorkflow means no enrollment workflow runs for the student and course.
var ErrNoWorkflow = errs.New(errs.FailedPrecondition, "enrollment-workflow-not-running", "no enrollment process runs for this student and course")

// ErrForbidden means the caller's role does not allow the use case at all
// (a student creating a course); a caller who may not see an object gets
// its not-found error instead.
var ErrForbidden = errs.ErrForbidden
