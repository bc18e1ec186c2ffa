package command

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

// GradingWait is a submitted attempt as the grading notices know it.
type GradingWait struct {
	AttemptID   string
	TestID      string
	CourseID    string
	StudentID   string
	SubmittedAt time.Time
}

// GradingWaits keeps the submitted attempts until they are graded.
type GradingWaits interface {
	Submitted(ctx context.Context, a GradingWait) error
	Graded(ctx context.Context, a GradingWait, at time.Time) error
	// ClaimOverdue takes up to limit attempts submitted at or before
	// submittedBy, ungraded and not yet notified, for lease.
	ClaimOverdue(ctx context.Context, submittedBy time.Time, limit int, lease time.Duration) ([]GradingWait, error)
	OverdueNotified(ctx context.Context, attemptID string, at time.Time) error
}

// DefaultGradingOverdue is how long a submitted attempt may wait for its
// grade before the course's graders are told.
const DefaultGradingOverdue = 72 * time.Hour

// NotifyOverdueGrading follows the submitted attempts and tells a
// course's graders (owner, co-teachers, teaching assistants) once per
// attempt when one waits for grading longer than After.
type NotifyOverdueGrading struct {
	waits  GradingWaits
	notify AudienceNotifier
	now    Clock
	after  time.Duration
}

// AudienceNotifier notifies a course's audience of an event (NotifyAudience).
type AudienceNotifier interface {
	Handle(ctx context.Context, in NotifyAudienceInput) (int, error)
}

// NewNotifyOverdueGrading returns the NotifyOverdueGrading use case; after
// is the overdue delay (DefaultGradingOverdue when not positive).
func NewNotifyOverdueGrading(waits GradingWaits, notify AudienceNotifier, now Clock, after time.Duration) *NotifyOverdueGrading {
	if after <= 0 {
		after = DefaultGradingOverdue
	}
	return &NotifyOverdueGrading{waits: waits, notify: notify, now: now, after: after}
}

// NotifyOverdueGradingInput asks for the notices of the attempts overdue now.
type NotifyOverdueGradingInput struct{}

// Handle notifies the graders of every attempt overdue now and answers how
// many attempts it handled. Each attempt's notice is one event
// ("grading-overdue:<attempt>") per grader: a sweep repeated after a crash,
// or by another replica, notifies nobody twice.
func (h *NotifyOverdueGrading) Handle(ctx context.Context, _ NotifyOverdueGradingInput) (int, error) {
	total := 0
	for {
		due, err := h.waits.ClaimOverdue(ctx, h.now.Now().Add(-h.after), 64, 2*time.Minute)
		if err != nil || len(due) == 0 {
			return total, err
		}
		for _, a := range due {
			_, err := h.notify.Handle(ctx, NotifyAudienceInput{Event: notification.Event{
				ID: "grading-overdue:" + a.AttemptID, Kind: notification.KindGradingOverdue, CourseID: a.CourseID,
				About: a.StudentID,
				Detail: fmt.Sprintf("since %s, %d hours ago (attempt %s)", a.SubmittedAt.Format("Mon 2 Jan 2006 15:04 MST"),
					int(h.now.Now().Sub(a.SubmittedAt).Hours()), a.AttemptID),
				At: a.SubmittedAt.Add(h.after),
			}, Audience: notification.AudienceGraders})
			if err != nil {
				return total, fmt.Errorf("grading overdue of %s: %w", a.AttemptID, err)
			}
			if err := h.waits.OverdueNotified(ctx, a.AttemptID, h.now.Now()); err != nil {
				return total, err
			}
			total++
		}
	}
}
