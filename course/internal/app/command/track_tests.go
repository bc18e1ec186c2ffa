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

// TrackTestsHandler keeps the course's view of assessment's tests: a course
// may require a test that its teacher later unpublished or deleted (which
// assessment allows only while no student has started it), and no student
// could ever pass it.
type TrackTestsHandler struct{ catalog TestCatalog }

// NewTrackTestsHandler returns the handler.
func NewTrackTestsHandler(c TestCatalog) TrackTestsHandler { return TrackTestsHandler{catalog: c} }

// Withdrawn records a test unpublished or deleted.
func (h TrackTestsHandler) Withdrawn(ctx context.Context, eventID, testID, courseID string, at time.Time) error {
	if eventID == "" || testID == "" || courseID == "" {
		return ErrBadTestReport
	}
	if err := h.catalog.Withdraw(ctx, eventID, testID, courseID, at); err != nil {
		return fmt.Errorf("withdraw test %s: %w", testID, err)
	}
	return nil
}

// Published records a test published, so a course may require it again.
func (h TrackTestsHandler) Published(ctx context.Context, eventID, testID string) error {
	if eventID == "" || testID == "" {
		return ErrBadTestReport
	}
	if err := h.catalog.Restore(ctx, eventID, testID); err != nil {
		return fmt.Errorf("restore test %s: %w", testID, err)
	}
	return nil
}
