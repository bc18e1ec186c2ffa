package command

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
	"lms/shared/errs"
)

// TestWindow is a test's close as one of assessment's test events told it:
// a publication or a change (ClosesAt zero when the test never closes), or
// a withdrawal (unpublished, deleted).
type TestWindow struct {
	TestID    string
	CourseID  string
	Title     string
	ClosesAt  time.Time
	Withdrawn bool
	// At is the event's time; an older report than the one stored changes
	// nothing.
	At time.Time
}

// StudentClose is a student's own close at a test (an accommodation); zero
// when taken back.
type StudentClose struct {
	TestID    string
	CourseID  string
	StudentID string
	ClosesAt  time.Time
	At        time.Time
}

// DeadlineReminder names the close a reminder is about: the test's
// (StudentID empty) or one student's own.
type DeadlineReminder struct {
	TestID    string
	CourseID  string
	StudentID string
	ClosesAt  time.Time
}

// DueReminder is what the store answers for a reminder: the test's title and
// the students to remind.
type DueReminder struct {
	Title    string
	Students []string
}

// DeadlineStore keeps what the reminders need. Each change that moves a
// close is written with the signal to its reminder's workflow, which a relay
// hands on afterwards, so a crash between the two loses nothing.
type DeadlineStore interface {
	// SetWindow records w unless a later report of the test is stored.
	SetWindow(ctx context.Context, w TestWindow) error
	// SetStudentClose records c unless a later report is stored.
	SetStudentClose(ctx context.Context, c StudentClose) error
	// Started records that the student started the test.
	Started(ctx context.Context, testID, studentID string, at time.Time) error
	// Due lists the students r reminds: enrolled with a seat, not started,
	// and whose close r.ClosesAt is (a student with a later close of her
	// own waits for hers). None when the stored close is another one (the
	// change is on its way to the workflow) or the test was withdrawn.
	Due(ctx context.Context, r DeadlineReminder) (DueReminder, error)
}

// ErrBadDeadline refuses a report that names no test, course or student.
var ErrBadDeadline = errs.New(errs.InvalidArgument, "invalid-deadline-report", "a deadline report needs a test, a course and a time")

// RemindDeadlineInput is what RemindDeadline is asked.
type RemindDeadlineInput struct {
	Reminder DeadlineReminder
}

// RemindDeadline notifies each student r is due for, once per test, close and
// student however often it is asked, and answers how many it notified now.
type RemindDeadline struct {
	notify Notifier
	store  DeadlineStore
	now    Clock
}

// NewRemindDeadline returns the RemindDeadline use case.
func NewRemindDeadline(notify Notifier, store DeadlineStore, now Clock) *RemindDeadline {
	return &RemindDeadline{notify: notify, store: store, now: now}
}

// Handle runs the use case.
func (h *RemindDeadline) Handle(ctx context.Context, in RemindDeadlineInput) (int, error) {
	if in.Reminder.TestID == "" || in.Reminder.CourseID == "" || in.Reminder.ClosesAt.IsZero() {
		return 0, ErrBadDeadline
	}
	due, err := h.store.Due(ctx, in.Reminder)
	if err != nil {
		return 0, fmt.Errorf("due reminders of test %s: %w", in.Reminder.TestID, err)
	}
	closes := in.Reminder.ClosesAt.UTC()
	detail := "a test"
	if due.Title != "" {
		detail = fmt.Sprintf("%q", due.Title)
	}
	detail += " (it closes " + closes.Format("Mon 2 Jan 2006 15:04 MST") + ")"
	n := 0
	for _, s := range due.Students {
		first, err := h.notify.Deliver(ctx, notification.Event{
			ID:   "deadline:" + in.Reminder.TestID + ":" + closes.Format(time.RFC3339),
			Kind: notification.KindDeadlineApproaching, Recipient: s, CourseID: in.Reminder.CourseID,
			Detail: detail, At: h.now.Now(),
		})
		if err != nil {
			return n, err
		}
		if first {
			n++
		}
	}
	return n, nil
}
