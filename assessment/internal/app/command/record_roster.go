package command

import (
	"context"
	"time"
)

// RecordCourse applies a course event: who teaches the course, and whether
// it is archived.
type RecordCourse struct {
	EventID   string
	CourseID  string
	TeacherID string
	Archived  bool
	At        time.Time
}

// RecordCourse handles RecordCourse; applying an event twice changes nothing.
func (h Handlers) RecordCourse(ctx context.Context, cmd RecordCourse) error {
	return h.recorder.RecordCourse(ctx, cmd.EventID, cmd.CourseID, cmd.TeacherID, cmd.Archived, cmd.At)
}

// RecordEnrollment applies an enrollment event: the student's status in the
// course (access.EnrollmentActive, EnrollmentDropped, EnrollmentCompleted).
type RecordEnrollment struct {
	EventID   string
	CourseID  string
	StudentID string
	Status    string
	At        time.Time
}

// RecordEnrollment handles RecordEnrollment; applying an event twice, or an
// event older than the status recorded, changes nothing.
func (h Handlers) RecordEnrollment(ctx context.Context, cmd RecordEnrollment) error {
	return h.recorder.RecordEnrollment(ctx, cmd.EventID, cmd.CourseID, cmd.StudentID, cmd.Status, cmd.At)
}

// RecordStaff applies a course's staff change: the whole staff besides the
// owner after it (user id to access.StaffCoTeacher, StaffAssistant or
// StaffObserver) and the change's number in the course.
type RecordStaff struct {
	CourseID string
	Version  int64
	Staff    map[string]string
}

// RecordStaff handles RecordStaff; a change older than the staff recorded,
// or applied already, changes nothing, so the latest staff wins whatever
// the order of delivery.
func (h Handlers) RecordStaff(ctx context.Context, cmd RecordStaff) error {
	return h.recorder.RecordStaff(ctx, cmd.CourseID, cmd.Version, cmd.Staff)
}
