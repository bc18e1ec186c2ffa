package enrollment

import "time"

// Event is something that happened to an enrollment; the repository publishes
// it through the outbox in the same transaction as the change.
type Event interface{ isEnrollmentEvent() }

// Requested says a student asked for a seat.
type Requested struct {
	EnrollmentID, CourseID, StudentID string
	At                                time.Time
}

// Waitlisted says the course was full and the student waits at Position.
type Waitlisted struct {
	EnrollmentID, CourseID, StudentID string
	Position                          int
	At                                time.Time
}

// Activated says the student holds a seat.
type Activated struct {
	EnrollmentID, CourseID, StudentID string
	At                                time.Time
}

// Rejected says the request was refused, with the reason.
type Rejected struct {
	EnrollmentID, CourseID, StudentID string
	Reason                            string
	At                                time.Time
}

// Dropped says the student left the course or the waitlist.
type Dropped struct {
	EnrollmentID, CourseID, StudentID string
	Reason                            string
	At                                time.Time
}

// DropRequested says the student asked to leave the course or the
// waitlist; Dropped follows once her enrollment's process has dropped it.
type DropRequested struct {
	EnrollmentID, CourseID, StudentID string
	Reason                            string
	At                                time.Time
}

// Completed says the student met every requirement of the course.
type Completed struct {
	EnrollmentID, CourseID, StudentID string
	FinalGrade                        float64
	CertificateID                     string
	At                                time.Time
}

// FinalGradeChanged says a completed enrollment's final grade followed a
// change of its grades (a teacher's regrade).
type FinalGradeChanged struct {
	EnrollmentID, CourseID, StudentID string
	Previous, FinalGrade              float64
	At                                time.Time
}

// LessonCompleted says the student finished one lesson.
type LessonCompleted struct {
	EnrollmentID, CourseID, StudentID, LessonID string
	At                                          time.Time
}

func (Requested) isEnrollmentEvent()         {}
func (Waitlisted) isEnrollmentEvent()        {}
func (Activated) isEnrollmentEvent()         {}
func (Rejected) isEnrollmentEvent()          {}
func (Dropped) isEnrollmentEvent()           {}
func (DropRequested) isEnrollmentEvent()     {}
func (Completed) isEnrollmentEvent()         {}
func (LessonCompleted) isEnrollmentEvent()   {}
func (FinalGradeChanged) isEnrollmentEvent() {}
