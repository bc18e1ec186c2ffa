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

// DeadlineHandler keeps the tests' closes and reminds the students who have
// not started a day before a close.
type DeadlineHandler struct {
	store  DeadlineStore
	notify NotifyHandler
	now    Clock
}

// NewDeadlineHandler returns the handler over store, notifying through notify.
func NewDeadlineHandler(store DeadlineStore, notify NotifyHandler, now Clock) DeadlineHandler {
	return DeadlineHandler{store: store, notify: notify, now: now}
}

// Window records a test's close (or its withdrawal).
func (h DeadlineHandler) Window(ctx context.Context, w TestWindow) error {
	if w.TestID == "" || w.CourseID == "" || w.At.IsZero() {
		return ErrBadDeadline
	}
	if err := h.store.SetWindow(ctx, w); err != nil {
		return fmt.Errorf("close of test %s: %w", w.TestID, err)
	}
	return nil
}

// StudentClose records a student's own close at a test.
func (h DeadlineHandler) StudentClose(ctx context.Context, c StudentClose) error {
	if c.TestID == "" || c.CourseID == "" || c.StudentID == "" || c.At.IsZero() {
		return ErrBadDeadline
	}
	if err := h.store.SetStudentClose(ctx, c); err != nil {
		return fmt.Errorf("close of test %s for %s: %w", c.TestID, c.StudentID, err)
	}
	return nil
}

// Started records that a student started a test: she is not reminded of it.
func (h DeadlineHandler) Started(ctx context.Context, testID, studentID string, at time.Time) error {
	if testID == "" || studentID == "" {
		return ErrBadDeadline
	}
	if err := h.store.Started(ctx, testID, studentID, at); err != nil {
		return fmt.Errorf("start of test %s by %s: %w", testID, studentID, err)
	}
	return nil
}

// Remind notifies each student r is due for, once per test, close and
// student however often it is asked, and answers how many it notified now.
func (h DeadlineHandler) Remind(ctx context.Context, r DeadlineReminder) (int, error) {
	if r.TestID == "" || r.CourseID == "" || r.ClosesAt.IsZero() {
		return 0, ErrBadDeadline
	}
	due, err := h.store.Due(ctx, r)
	if err != nil {
		return 0, fmt.Errorf("due reminders of test %s: %w", r.TestID, err)
	}
	closes := r.ClosesAt.UTC()
	detail := "a test"
	if due.Title != "" {
		detail = fmt.Sprintf("%q", due.Title)
	}
	detail += " (it closes " + closes.Format("Mon 2 Jan 2006 15:04 MST") + ")"
	n := 0
	for _, s := range due.Students {
		first, err := h.notify.Deliver(ctx, notification.Event{
			ID:   "deadline:" + r.TestID + ":" + closes.Format(time.RFC3339),
			Kind: notification.KindDeadlineApproaching, Recipient: s, CourseID: r.CourseID,
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
