// Package kafka holds the assessment service's consumers of other contexts'
// domain events. Each is idempotent: the event's id is recorded in the same
// document write as its effect, so a redelivered event changes nothing.
package kafka

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/shared/events"
	"lms/shared/kafka"
)

// RosterGroup is the consumer group that keeps the roster.
const RosterGroup = "assessment.roster"

// Roster applies the course service's events to what assessment knows of
// courses (who owns them and who else is on their staff, whether they are
// archived) and enrollments (who may take their tests). Every other type of
// the topic is skipped.
func Roster(r app.Commands) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		switch ev.Type {
		case events.TypeCoursePublished:
			d, err := decode[events.CoursePublished](ev)
			if err != nil {
				return err
			}
			return r.RecordCourse.Handle(ctx, command.RecordCourseInput{EventID: ev.ID, CourseID: d.CourseID, TeacherID: d.TeacherID, At: at(d.PublishedAt, ev)})
		case events.TypeCourseArchived:
			d, err := decode[events.CourseArchived](ev)
			if err != nil {
				return err
			}
			return r.RecordCourse.Handle(ctx, command.RecordCourseInput{EventID: ev.ID, CourseID: d.CourseID, Archived: true, At: at(d.ArchivedAt, ev)})
		case events.TypeCourseStaffChanged:
			d, err := decode[events.CourseStaffChanged](ev)
			if err != nil {
				return err
			}
			cmd, err := staff(ev, d)
			if err != nil {
				return err
			}
			return r.RecordStaff.Handle(ctx, cmd)
		case events.TypeEnrollmentActivated:
			d, err := decode[events.EnrollmentActivated](ev)
			if err != nil {
				return err
			}
			return r.RecordEnrollment.Handle(ctx, enrollment(ev, d.CourseID, d.StudentID, access.EnrollmentActive, d.ActivatedAt))
		case events.TypeEnrollmentDropped:
			d, err := decode[events.EnrollmentDropped](ev)
			if err != nil {
				return err
			}
			return r.RecordEnrollment.Handle(ctx, enrollment(ev, d.CourseID, d.StudentID, access.EnrollmentDropped, d.DroppedAt))
		case events.TypeEnrollmentCompleted:
			d, err := decode[events.EnrollmentCompleted](ev)
			if err != nil {
				return err
			}
			return r.RecordEnrollment.Handle(ctx, enrollment(ev, d.CourseID, d.StudentID, access.EnrollmentCompleted, d.CompletedAt))
		}
		return nil
	}
}

// decode reads the event's data; data that breaks the contract can never be
// applied and goes to the dead-letter topic.
func decode[T any](ev events.Event) (T, error) {
	var d T
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return d, kafka.Permanent(fmt.Errorf("decode %s %s: %w", ev.Type, ev.ID, err))
	}
	return d, nil
}

// staff reads a staff change; one that names no course, no version or a
// role the contract does not know can never be applied and goes to the
// dead-letter topic.
func staff(ev events.Event, d events.CourseStaffChanged) (command.RecordStaffInput, error) {
	if d.CourseID == "" || d.Version < 1 {
		return command.RecordStaffInput{}, kafka.Permanent(fmt.Errorf("staff change %s names no course or version", ev.ID))
	}
	members := make(map[string]string, len(d.Staff))
	for _, m := range d.Staff {
		switch m.Role {
		case events.StaffOwner:
			continue
		case events.StaffCoTeacher, events.StaffAssistant, events.StaffObserver:
			if m.UserID == "" {
				return command.RecordStaffInput{}, kafka.Permanent(fmt.Errorf("staff change %s names a member without id", ev.ID))
			}
			members[m.UserID] = m.Role
		default:
			return command.RecordStaffInput{}, kafka.Permanent(fmt.Errorf("staff change %s gives the unknown role %q", ev.ID, m.Role))
		}
	}
	return command.RecordStaffInput{CourseID: d.CourseID, Version: d.Version, Staff: members}, nil
}

func enrollment(ev events.Event, courseID, studentID, status string, when time.Time) command.RecordEnrollmentInput {
	return command.RecordEnrollmentInput{EventID: ev.ID, CourseID: courseID, StudentID: studentID, Status: status, At: at(when, ev)}
}

// at is when the change happened: the data's time, or the event's.
func at(t time.Time, ev events.Event) time.Time {
	if t.IsZero() {
		return ev.Time
	}
	return t.UTC()
}

// NewRosterConsumer returns the consumer of topic (events.TopicCourse in
// production) in group that keeps the roster; run it with Run.
func NewRosterConsumer(cfg kafka.Config, topic, group string, r app.Commands, log *slog.Logger) (*kafka.Consumer, error) {
	return kafka.NewConsumer(cfg, kafka.ConsumerOptions{Group: group, Topics: []string{topic}}, Roster(r), log)
}
