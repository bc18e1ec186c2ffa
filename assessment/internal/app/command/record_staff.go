package command

import (
	"context"
)

// RecordStaffInput is what RecordStaff is asked to do.
type RecordStaffInput struct {
	CourseID string
	Version  int64
	Staff    map[string]string
}

// RecordStaff applies a course's staff change: the whole staff besides the
// owner after it (user id to access.StaffCoTeacher, StaffAssistant or
// StaffObserver) and the change's number in the course.
type RecordStaff struct {
	recorder RosterRecorder
}

// NewRecordStaff returns the RecordStaff use case.
func NewRecordStaff(recorder RosterRecorder) *RecordStaff {
	return &RecordStaff{recorder: recorder}
}

// Handle runs the use case; a change older than the staff recorded,
// or applied already, changes nothing, so the latest staff wins whatever
// the order of delivery.
func (h *RecordStaff) Handle(ctx context.Context, cmd RecordStaffInput) error {
	return h.recorder.RecordStaff(ctx, cmd.CourseID, cmd.Version, cmd.Staff)
}
