package attempt

import (
	"time"

	"lms/assessment/internal/domain/exam"
)

// CheckOpen tells whether answers may still change at now: the attempt is in
// progress and its deadline has not come.
func (a *Attempt) CheckOpen(now time.Time) error {
	if a.state != StateInProgress {
		return ErrNotInProgress
	}
	if !a.deadline.IsZero() && !now.Before(a.deadline) {
		return ErrDeadlinePassed
	}
	return nil
}

// SaveAnswer records ans for question qid of v, stamped with now, the
// server's time of receipt. Saving the same answer again changes only the
// stamp. The repository writes the returned answer with a condition that
// repeats CheckOpen, so a save racing the deadline or a submission changes
// nothing.
func (a *Attempt) SaveAnswer(v exam.Version, qid string, ans exam.Answer, now time.Time) (SavedAnswer, error) {
	if v.Number != a.version {
		return SavedAnswer{}, ErrVersionMismatch
	}
	if err := a.CheckOpen(now); err != nil {
		return SavedAnswer{}, err
	}
	saved, err := a.sheet().CheckAnswer(v, qid, ans, now)
	if err != nil {
		return SavedAnswer{}, err
	}
	a.answers[qid] = saved
	return saved, nil
}

// Submit ends the attempt. A student's submission after the deadline, or the
// deadline's own, counts as submitted at the deadline by the deadline: no
// answer could change after it anyway. The deadline's submission of an
// attempt without one (the attempt workflow gave up waiting for an untimed
// attempt) happens at now. Submitting a submitted attempt changes nothing and
// reports false.
func (a *Attempt) Submit(v exam.Version, by SubmittedBy, now time.Time) (bool, error) {
	v, err := a.Paper(v)
	if err != nil {
		return false, err
	}
	if a.state != StateInProgress {
		return false, nil
	}
	now = now.UTC()
	at := now
	if !a.deadline.IsZero() && !now.Before(a.deadline) {
		at, by = a.deadline, ByDeadline
	}
	a.state, a.submittedAt, a.submittedBy = StateSubmitted, at, by
	// Lateness counts from the student's own close, which an accommodation
	// may have moved past the test's.
	s := v.Content.Settings
	if a.closes.After(s.Closes) && !s.Closes.IsZero() {
		s.Closes = a.closes
	}
	a.late = s.IsLate(at)
	a.events = append(a.events, Submitted{
		AttemptID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		By: by, SubmittedAt: at,
	})
	return true, nil
}
