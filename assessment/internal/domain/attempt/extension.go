package attempt

import (
	"time"

	"lms/assessment/internal/domain/exam"
)

// ExtendedDeadline is the deadline the attempt gets under s, its test
// version's settings as they now hold for its student, and whether that
// moves it: only an attempt in progress, with a deadline still ahead at now,
// and only later. An extension never ends an attempt earlier than its
// current deadline, and an attempt without a deadline keeps none.
func (a *Attempt) ExtendedDeadline(s exam.Settings, now time.Time) (time.Time, bool) {
	if a.state != StateInProgress || a.deadline.IsZero() || !now.Before(a.deadline) {
		return a.deadline, false
	}
	d := s.Deadline(a.startedAt)
	if d.IsZero() || !d.After(a.deadline) {
		return a.deadline, false
	}
	return d, true
}

// CheckDeadlineSubmission refuses the workflow's submission at known, the
// deadline its timer waited for, when the attempt's deadline is later now:
// an extension moved it and its signal is on its way. A zero known (an
// older workflow, or none) skips the check.
func (a *Attempt) CheckDeadlineSubmission(known, now time.Time) error {
	if a.state != StateInProgress || known.IsZero() || a.deadline.IsZero() {
		return nil
	}
	if a.deadline.After(known) && now.Before(a.deadline) {
		return ErrDeadlineMoved.With("deadline", a.deadline.UTC().Format(time.RFC3339Nano))
	}
	return nil
}
