// Package command holds the course service's state-changing use cases, one
// file per command, and the ports they need besides the repositories.
package command

import (
	"time"

	"lms/shared/errs"
)

// Clock tells the time; tests pass a fixed one.
type Clock interface{ Now() time.Time }

// IDs makes new ids (UUIDv7 in production).
type IDs interface{ NewID() string }

// EnrollmentStart is what the enrollment workflow starts with. The
// enrollment repository records it in the transaction that stores the
// request, and a relay hands it to the workflow engine afterwards, so a
// crash between the two loses nothing. The signals that follow a change
// (a drop asked for, a lesson completed, a promotion, a decision) are
// recorded and relayed the same way, so no use case calls the engine.
type EnrollmentStart struct {
	EnrollmentID string
	CourseID     string
	StudentID    string
	RequestedAt  time.Time
}

// ErrNoWorkflow means no enrollment workflow runs for the student and course.
var ErrNoWorkflow = errs.New(errs.FailedPrecondition, "enrollment-workflow-not-running", "no enrollment process runs for this student and course")

// ErrForbidden means the caller's role does not allow the use case at all
// (a student creating a course); a caller who may not see an object gets
// its not-found error instead.
var ErrForbidden = errs.ErrForbidden
