package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
	"lms/shared/outbox"
)

// appendCourseEvents writes a course's events to the outbox in tx.
func appendCourseEvents(ctx context.Context, tx bun.IDB, evs []course.Event) error {
	out := make([]events.Event, 0, len(evs))
	for _, ev := range evs {
		var (
			e   events.Event
			err error
		)
		switch ev := ev.(type) {
		case course.Published:
			e, err = newEvent(events.TypeCoursePublished, ev.CourseID, "course/"+ev.CourseID, events.CoursePublished{
				CourseID: ev.CourseID, Title: ev.Title, TeacherID: ev.TeacherID, Capacity: ev.Capacity, PublishedAt: ev.At}, ev.At)
		case course.Archived:
			e, err = newEvent(events.TypeCourseArchived, ev.CourseID, "course/"+ev.CourseID, events.CourseArchived{
				CourseID: ev.CourseID, ArchivedBy: ev.By, ArchivedAt: ev.At}, ev.At)
		case course.StaffChanged:
			staff := make([]events.StaffMember, len(ev.Staff))
			for i, m := range ev.Staff {
				staff[i] = events.StaffMember{UserID: m.UserID, Role: string(m.Role)}
			}
			e, err = newEvent(events.TypeCourseStaffChanged, ev.CourseID, "course/"+ev.CourseID+"/staff/"+ev.UserID, events.CourseStaffChanged{
				CourseID: ev.CourseID, OwnerID: ev.OwnerID, UserID: ev.UserID, Role: string(ev.Role), PreviousRole: string(ev.Previous),
				Staff: staff, Version: ev.Version, ChangedBy: ev.By, ChangedAt: ev.At}, ev.At)
		case course.LessonPublished:
			e, err = newEvent(events.TypeLessonPublished, ev.CourseID, "lesson/"+ev.LessonID, events.LessonPublished{
				CourseID: ev.CourseID, LessonID: ev.LessonID, Title: ev.Title, Position: ev.Position, PublishedAt: ev.At}, ev.At)
		default:
			return fmt.Errorf("course event %T has no mapping", ev)
		}
		if err != nil {
			return err
		}
		out = append(out, e)
	}
	return outbox.Append(ctx, tx, out...)
}

// appendEnrollmentEvents writes an enrollment's events to the outbox in tx,
// keyed by course so one course's seats and waitlist stay in order.
func appendEnrollmentEvents(ctx context.Context, tx bun.IDB, evs []enrollment.Event) error {
	out := make([]events.Event, 0, len(evs))
	for _, ev := range evs {
		mapped, err := enrollmentEvent(ev)
		if err != nil {
			return err
		}
		out = append(out, mapped...)
	}
	return outbox.Append(ctx, tx, out...)
}

func enrollmentEvent(ev enrollment.Event) ([]events.Event, error) {
	one := func(e events.Event, err error) ([]events.Event, error) { return []events.Event{e}, err }
	switch ev := ev.(type) {
	case enrollment.Requested:
		return one(newEvent(events.TypeEnrollmentRequested, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentRequested{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, RequestedAt: ev.At}, ev.At))
	case enrollment.Waitlisted:
		return one(newEvent(events.TypeEnrollmentWaitlisted, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentWaitlisted{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, Position: ev.Position, WaitlistedAt: ev.At}, ev.At))
	case enrollment.Activated:
		return one(newEvent(events.TypeEnrollmentActivated, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentActivated{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, ActivatedAt: ev.At}, ev.At))
	case enrollment.Dropped:
		return one(newEvent(events.TypeEnrollmentDropped, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentDropped{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, Reason: ev.Reason, DroppedAt: ev.At}, ev.At))
	case enrollment.LessonCompleted:
		return one(newEvent(events.TypeLessonCompleted, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.LessonCompleted{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, LessonID: ev.LessonID, StudentID: ev.StudentID, CompletedAt: ev.At}, ev.At))
	case enrollment.Completed:
		done, err := newEvent(events.TypeEnrollmentCompleted, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentCompleted{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, CompletedAt: ev.At}, ev.At)
		if err != nil {
			return nil, err
		}
		if ev.CertificateID == "" {
			return []events.Event{done}, nil
		}
		cert, err := newEvent(events.TypeCertificateIssued, ev.CourseID, "certificate/"+ev.CertificateID, events.CertificateIssued{
			CertificateID: ev.CertificateID, EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, IssuedAt: ev.At}, ev.At)
		return []events.Event{done, cert}, err
	case enrollment.FinalGradeChanged:
		return one(newEvent(events.TypeEnrollmentFinalGradeChanged, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentFinalGradeChanged{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, Previous: ev.Previous,
			FinalGrade: ev.FinalGrade, ChangedAt: ev.At}, ev.At))
	case enrollment.Rejected:
		return one(newEvent(events.TypeEnrollmentRejected, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentRejected{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, Reason: ev.Reason, RejectedAt: ev.At}, ev.At))
	case enrollment.DropRequested:
		return nil, nil // a signal to the enrollment's workflow; Dropped follows
	case enrollment.ApprovalRequested, enrollment.ApprovalReminder, enrollment.ApprovalEscalated,
		enrollment.ApprovalExpired, enrollment.ApprovalDecided:
		return one(approvalEvent(ev))
	default:
		return nil, fmt.Errorf("enrollment event %T has no mapping", ev)
	}
}

func newEvent(typ, courseID, subject string, data any, at time.Time) (events.Event, error) {
	return events.New(events.TopicCourse, typ, events.SourceCourse, courseID, subject, data, at)
}
