package attempt

import "time"

// Event is something that happened to an attempt; the repository stores it
// with the change, in the same document write, for the relay to hand on.
type Event interface{ isAttemptEvent() }

// Started says a student started the attempt; its workflow starts from it.
type Started struct {
	AttemptID, TestID, CourseID, StudentID string
	StartedAt                              time.Time
	Deadline                               time.Time // zero when there is none
}

// Submitted says the attempt was submitted, by the student or at the deadline.
// A submission by the student is also told to the attempt's workflow.
type Submitted struct {
	AttemptID, TestID, CourseID, StudentID string
	By                                     SubmittedBy
	SubmittedAt                            time.Time
}

// EssaysGraded says a teacher graded the attempt's last essay; the attempt's
// workflow goes on to finalise it.
type EssaysGraded struct {
	AttemptID string
	At        time.Time
}

// Graded says the attempt has its final score, for the first time or again
// after a teacher changed a score (Regrade names why then).
type Graded struct {
	AttemptID, TestID, CourseID, StudentID string
	Score, Maximum                         float64
	Passed                                 bool
	GradedBy                               string // the teacher who graded by hand, or empty
	At                                     time.Time
	// ReleasedAt is when the student was allowed to see the results; zero
	// while they are held, so readers keep the score from her.
	ReleasedAt time.Time
	// Reason is the teacher's reason for a regrade; empty the first time.
	Reason string
}

// ResultsReleased says the student may now see the attempt's results: its
// score, whether it passed, and everything that follows from them.
type ResultsReleased struct {
	AttemptID, TestID, CourseID, StudentID string
	Score, Maximum                         float64
	Passed                                 bool
	At                                     time.Time
}

func (Started) isAttemptEvent()         {}
func (Submitted) isAttemptEvent()       {}
func (EssaysGraded) isAttemptEvent()    {}
func (Graded) isAttemptEvent()          {}
func (ResultsReleased) isAttemptEvent() {}
