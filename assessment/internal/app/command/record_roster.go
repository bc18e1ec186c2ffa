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
