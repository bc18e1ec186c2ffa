package command

import (
	"context"
	"time"
)

// RecordCourseInput is what RecordCourse is asked to do.
type RecordCourseInput struct {
	EventID   string
	CourseID  string
	TeacherID string
	Archived  bool
	At        time.Time
}

// RecordCourse applies a course event: who teaches the course, and whether
// it is archived.
type RecordCourse struct {
	recorder RosterRecorder
}

// NewRecordCourse returns the RecordCourse use case.
func NewRecordCourse(recorder RosterRecorder) *RecordCourse {
	return &RecordCourse{recorder: recorder}
}

// Handle runs the use case; applying an event twice changes nothing.
func (h *RecordCourse) Handle(ctx context.Context, cmd RecordCourseInput) error {
	return h.recorder.RecordCourse(ctx, cmd.EventID, cmd.CourseID, cmd.TeacherID, cmd.Archived, cmd.At)
}

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
