// Package command holds the assessment service's use cases that change state,
// one file per use case, and the ports they need.
package command

import (
	"context"
	"time"
)

// RosterRecorder keeps what the course service announces about courses and
// enrollments. Each call names the event it applies, and applying an event a
// second time, or an event older than what is recorded, changes nothing.
type RosterRecorder interface {
	RecordCourse(ctx context.Context, eventID, courseID, teacherID string, archived bool, at time.Time) error
	RecordEnrollment(ctx context.Context, eventID, courseID, studentID, status string, at time.Time) error
	// RecordStaff replaces the course's staff besides its owner (user id to
	// role) with staff, unless it holds a version at least as new.
	RecordStaff(ctx context.Context, courseID string, version int64, staff map[string]string) error
}
