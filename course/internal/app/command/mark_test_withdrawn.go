package command

import (
	"context"
	"fmt"
	"time"

	"lms/shared/errs"
)

// TestCatalog keeps which tests assessment has withdrawn. Each call names
// the event it applies; applying an event a second time changes nothing.
type TestCatalog interface {
	// Withdraw records that the test was unpublished or deleted.
	Withdraw(ctx context.Context, eventID, testID, courseID string, at time.Time) error
	// Restore records that the test was published (again).
	Restore(ctx context.Context, eventID, testID string) error
}

// ErrBadTestReport refuses a test event that names no test (or course).
var ErrBadTestReport = errs.New(errs.InvalidArgument, "invalid-test-report", "a test report needs an event id, a test id and a course id")

// MarkTestWithdrawnInput is assessment's report of a test unpublished or
// deleted.
type MarkTestWithdrawnInput struct {
	EventID  string
	TestID   string
	CourseID string
	At       time.Time
}

// MarkTestWithdrawn keeps the course's view of assessment's tests: a course
// may require a test that its teacher later unpublished or deleted (which
// assessment allows only while no student has started it), and no student
// could ever pass it.
type MarkTestWithdrawn struct{ catalog TestCatalog }

// NewMarkTestWithdrawn returns the MarkTestWithdrawn use case.
func NewMarkTestWithdrawn(catalog TestCatalog) *MarkTestWithdrawn {
	return &MarkTestWithdrawn{catalog: catalog}
}

// Handle records the test withdrawn.
func (h *MarkTestWithdrawn) Handle(ctx context.Context, in MarkTestWithdrawnInput) error {
	if in.EventID == "" || in.TestID == "" || in.CourseID == "" {
		return ErrBadTestReport
	}
	if err := h.catalog.Withdraw(ctx, in.EventID, in.TestID, in.CourseID, in.At); err != nil {
		return fmt.Errorf("withdraw test %s: %w", in.TestID, err)
	}
	return nil
}
