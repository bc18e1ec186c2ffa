package attempt

import "time"

// Summary is what a list of attempts shows of one: who, which, where it
// stands and, once graded, its score. It holds no answers and no results, so
// a list of thousands stays small.
type Summary struct {
	ID          string
	TestID      string
	CourseID    string
	StudentID   string
	Number      int
	Version     int
	State       State
	StartedAt   time.Time
	Deadline    time.Time
	SubmittedAt time.Time
	Late        bool
	Score       float64
	Maximum     float64
	Passed      bool
	// PendingEssays counts the answers waiting for a teacher.
	PendingEssays int
	// Overdue is the grading-overdue level reached, if any.
	Overdue string
}

// Summary returns the attempt's summary.
func (a *Attempt) Summary() Summary {
	return Summary{
		ID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID, Number: a.number,
		Version: a.version, State: a.state, StartedAt: a.startedAt, Deadline: a.deadline,
		SubmittedAt: a.submittedAt, Late: a.late, Score: a.score, Maximum: a.maximum, Passed: a.passed,
		PendingEssays: a.pending(), Overdue: a.overdue,
	}
}

// ParseState returns the state named s, and whether it names one.
func ParseState(s string) (State, bool) {
	switch st := State(s); st {
	case StateInProgress, StateSubmitted, StateNeedsReview, StateGraded:
		return st, true
	}
	return "", false
}
