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
