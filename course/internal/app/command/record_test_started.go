package command

import (
	"context"
	"fmt"
	"time"
)

// RecordTestStartedInput is what RecordTestStarted is asked.
type RecordTestStartedInput struct {
	TestID    string
	StudentID string
	At        time.Time
}

// RecordTestStarted records that a student started a test: she is not reminded of it.
type RecordTestStarted struct {
	store DeadlineStore
}

// NewRecordTestStarted returns the RecordTestStarted use case.
func NewRecordTestStarted(store DeadlineStore) *RecordTestStarted {
	return &RecordTestStarted{store: store}
}

// Handle runs the use case.
func (h *RecordTestStarted) Handle(ctx context.Context, in RecordTestStartedInput) error {
	if in.TestID == "" || in.StudentID == "" {
		return ErrBadDeadline
	}
	if err := h.store.Started(ctx, in.TestID, in.StudentID, in.At); err != nil {
		return fmt.Errorf("start of test %s by %s: %w", in.TestID, in.StudentID, err)
	}
	return nil
}
