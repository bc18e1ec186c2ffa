package command

import (
	"context"
	"fmt"
)

// RecordStudentCloseInput is what RecordStudentClose is asked.
type RecordStudentCloseInput struct {
	Close StudentClose
}

// RecordStudentClose records a student's own close at a test.
type RecordStudentClose struct {
	store DeadlineStore
}

// NewRecordStudentClose returns the RecordStudentClose use case.
func NewRecordStudentClose(store DeadlineStore) *RecordStudentClose {
	return &RecordStudentClose{store: store}
}

// Handle runs the use case.
func (h *RecordStudentClose) Handle(ctx context.Context, in RecordStudentCloseInput) error {
	if in.Close.TestID == "" || in.Close.CourseID == "" || in.Close.StudentID == "" || in.Close.At.IsZero() {
		return ErrBadDeadline
	}
	if err := h.store.SetStudentClose(ctx, in.Close); err != nil {
		return fmt.Errorf("close of test %s for %s: %w", in.Close.TestID, in.Close.StudentID, err)
	}
	return nil
}
