package enrollment

import (
	"maps"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is where an enrollment is in its life.
type Status string

// The statuses. Requested waits for the seat decision; completed, dropped and
// rejected are final.
const (
	StatusRequested  Status = "requested"
	StatusWaitlisted Status = "waitlisted"
	StatusActive     Status = "active"
	StatusCompleted  Status = "completed"
	StatusDropped    Status = "dropped"
	StatusRejected   Status = "rejected"
)

// Open reports whether the enrollment still counts as the student's place in
// the course (a second request must be refused).
func (s Status) Open() bool {
	return s == StatusRequested || s == StatusPendingApproval || s == StatusWaitlisted || s == StatusActive || s == StatusCompleted
}

// Times records when each transition happened; zero when it has not.
type Times struct {
	Requested  time.Time
	Waitlisted time.Time
	Activated  time.Time
	Completed  time.Time
	Dropped    time.Time
	Rejected   time.Time
}

// Enrollment is one student's place in one course.
type Enrollment struct {
	id, courseID, studentID string
	status                  Status
	times                   Times
	waitlistSeq             int64
	reason                  string // why it was rejected or dropped
	finalGrade              *float64
	certificateID           string
	lessonsDone             map[string]time.Time
	approval                Approval
	events                  []Event
}

// Request records a student's request for a seat in a course.
func Request(id, courseID, studentID string, now time.Time) *Enrollment {
	now = now.UTC()
	e := &Enrollment{id: id, courseID: courseID, studentID: studentID, status: StatusRequested, times: Times{Requested: now}}
	e.record(Requested{EnrollmentID: id, CourseID: courseID, StudentID: studentID, At: now})
	return e
}

// ID returns the enrollment's id.
func (e *Enrollment) ID() string { return e.id }

// CourseID returns the course's id.
func (e *Enrollment) CourseID() string { return e.courseID }

// StudentID returns the student's id.
func (e *Enrollment) StudentID() string { return e.studentID }

// Status returns the current status.
func (e *Enrollment) Status() Status { return e.status }

// Times returns when each transition happened.
func (e *Enrollment) Times() Times { return e.times }

// Reason returns why the enrollment was rejected or dropped.
func (e *Enrollment) Reason() string { return e.reason }

// WaitlistSeq returns the enrollment's place in the course's arrival order on
// the waitlist (0 when it never waited); lower is earlier.
func (e *Enrollment) WaitlistSeq() int64 { return e.waitlistSeq }

// FinalGrade returns the grade the enrollment completed with, if it has.
func (e *Enrollment) FinalGrade() (float64, bool) {
	if e.finalGrade == nil {
		return 0, false
	}
	return *e.finalGrade, true
}

// CertificateID returns the certificate issued on completion, or "".
func (e *Enrollment) CertificateID() string { return e.certificateID }

// LessonsDone returns when each completed lesson was completed.
func (e *Enrollment) LessonsDone() map[string]time.Time { return maps.Clone(e.lessonsDone) }

// Activate gives the student a seat, from the request or the waitlist.
func (e *Enrollment) Activate(now time.Time) error {
	if e.status != StatusRequested && e.status != StatusWaitlisted {
		return e.invalid(StatusActive)
	}
	now = now.UTC()
	e.status, e.times.Activated = StatusActive, now
	e.record(Activated{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, At: now})
	return nil
}

// Waitlist puts a requested enrollment on the course's waitlist: seq is its
// arrival order, position its place in line at the time (1 is next).
func (e *Enrollment) Waitlist(seq int64, position int, now time.Time) error {
	if e.status != StatusRequested {
		return e.invalid(StatusWaitlisted)
	}
	now = now.UTC()
	e.status, e.times.Waitlisted, e.waitlistSeq = StatusWaitlisted, now, seq
	e.record(Waitlisted{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Position: position, At: now})
	return nil
}

// Reject refuses a requested enrollment with a reason the student sees.
func (e *Enrollment) Reject(reason string, now time.Time) error {
	if e.status != StatusRequested {
		return e.invalid(StatusRejected)
	}
	now = now.UTC()
	e.status, e.times.Rejected, e.reason = StatusRejected, now, truncate(reason)
	e.record(Rejected{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Reason: e.reason, At: now})
	return nil
}

// Drop ends a requested, pending, waitlisted or active enrollment. It returns whether
// the enrollment held a seat, which the course must then give to the next
// waitlisted student.
func (e *Enrollment) Drop(reason string, now time.Time) (heldSeat bool, err error) {
	if !validReason(reason) {
		return false, ErrInvalidReason
	}
	if e.status != StatusRequested && e.status != StatusPendingApproval && e.status != StatusWaitlisted && e.status != StatusActive {
		return false, e.invalid(StatusDropped)
	}
	heldSeat = e.status == StatusActive
	now = now.UTC()
	e.status, e.times.Dropped, e.reason = StatusDropped, now, reason
	e.record(Dropped{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Reason: reason, At: now})
	return heldSeat, nil
}

// RequestDrop records the student's wish to leave, with her reason, for the
// enrollment's process to carry out (it drops the enrollment and hands its
// seat on): the enrollment stays as it is until then. It refuses what Drop
// would refuse, so a drop that cannot be made is answered at once.
func (e *Enrollment) RequestDrop(reason string, now time.Time) error {
	if _, err := Rehydrate(e.Snapshot()).Drop(reason, now); err != nil {
		return err
	}
	e.record(DropRequested{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Reason: reason, At: now.UTC()})
	return nil
}

// Complete closes an active enrollment with its final grade and certificate.
func (e *Enrollment) Complete(finalGrade float64, certificateID string, now time.Time) error {
	if e.status != StatusActive {
		return e.invalid(StatusCompleted)
	}
	now = now.UTC()
	e.status, e.times.Completed, e.finalGrade, e.certificateID = StatusCompleted, now, &finalGrade, certificateID
	e.record(Completed{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, FinalGrade: finalGrade, CertificateID: certificateID, At: now})
	return nil
}

// ChangeFinalGrade sets a completed enrollment's final grade to grade, as
// its grades now give it, and records FinalGradeChanged. It reports false,
// and records nothing, when the grade is the same or the enrollment is not
// completed: only a completion gives a final grade.
func (e *Enrollment) ChangeFinalGrade(grade float64, now time.Time) bool {
	if e.status != StatusCompleted || e.finalGrade == nil || *e.finalGrade == grade {
		return false
	}
	previous := *e.finalGrade
	e.finalGrade = &grade
	e.record(FinalGradeChanged{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID,
		Previous: previous, FinalGrade: grade, At: now.UTC()})
	return true
}

// CompleteLesson marks a lesson done. It reports false, and records nothing,
// when the lesson was done already, so a repeated click changes nothing.
func (e *Enrollment) CompleteLesson(lessonID string, now time.Time) (bool, error) {
	if e.status != StatusActive {
		return false, ErrNotActive.With("status", string(e.status))
	}
	if _, done := e.lessonsDone[lessonID]; done {
		return false, nil
	}
	if e.lessonsDone == nil {
		e.lessonsDone = map[string]time.Time{}
	}
	now = now.UTC()
	e.lessonsDone[lessonID] = now
	e.record(LessonCompleted{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, LessonID: lessonID, At: now})
	return true, nil
}

// PopEvents returns the events recorded since the last call and forgets them.
func (e *Enrollment) PopEvents() []Event {
	ev := e.events
	e.events = nil
	return ev
}

func (e *Enrollment) record(ev Event) { e.events = append(e.events, ev) }

func (e *Enrollment) invalid(to Status) error {
	return ErrInvalidTransition.With("from", string(e.status)).With("to", string(to))
}

func validReason(reason string) bool {
	return utf8.RuneCountInString(reason) <= 500 && !strings.ContainsRune(reason, 0) && utf8.ValidString(reason)
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 500 {
		return s
	}
	return string([]rune(s)[:500])
}
