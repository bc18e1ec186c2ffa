package command

import (
	"context"
	"time"
)

// RecordEnrollmentInput is what RecordEnrollment is asked to do.
type RecordEnrollmentInput struct {
	EventID   string
	CourseID  string
	StudentID string
	Status    string
	At        time.Time
}

// RecordEnrollment applies an enrollment event: the student's status in the
// course (access.EnrollmentActive, EnrollmentDropped, EnrollmentCompleted).
type RecordEnrollment struct {
	recorder RosterRecorder
}

// NewRecordEnrollment returns the RecordEnrollment use case.
func NewRecordEnrollment(recorder RosterRecorder) *RecordEnrollment {
	return &RecordEnrollment{recorder: recorder}
}

// Handle runs the use case; applying an event twice, or an
// event older than the status recorded, changes nothing.
func (h *RecordEnrollment) Handle(ctx context.Context, cmd RecordEnrollmentInput) error {
	return h.recorder.RecordEnrollment(ctx, cmd.EventID, cmd.CourseID, cmd.StudentID, cmd.Status, cmd.At)
}
