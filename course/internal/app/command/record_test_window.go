package command

import (
	"context"
	"fmt"
)

// RecordTestWindowInput is what RecordTestWindow is asked.
type RecordTestWindowInput struct {
	Window TestWindow
}

// RecordTestWindow records a test's close (or its withdrawal).
type RecordTestWindow struct {
	store DeadlineStore
}

// NewRecordTestWindow returns the RecordTestWindow use case.
func NewRecordTestWindow(store DeadlineStore) *RecordTestWindow {
	return &RecordTestWindow{store: store}
}

// Handle runs the use case.
func (h *RecordTestWindow) Handle(ctx context.Context, in RecordTestWindowInput) error {
	if in.Window.TestID == "" || in.Window.CourseID == "" || in.Window.At.IsZero() {
		return ErrBadDeadline
	}
	if err := h.store.SetWindow(ctx, in.Window); err != nil {
		return fmt.Errorf("close of test %s: %w", in.Window.TestID, err)
	}
	return nil
}
