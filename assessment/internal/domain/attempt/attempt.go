package attempt

import (
	"maps"
	"slices"
	"time"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
)

// State is where an attempt is in its life.
type State string

// The states of an attempt, in order.
const (
	StateInProgress  State = "in_progress"
	StateSubmitted   State = "submitted"
	StateNeedsReview State = "needs_review"
	StateGraded      State = "graded"
)

// SubmittedBy says how an attempt was submitted.
type SubmittedBy string

// How an attempt is submitted.
const (
	ByStudent  SubmittedBy = "student"
	ByDeadline SubmittedBy = "deadline"
)

// SavedAnswer is an answer with the server's time of receipt.
type SavedAnswer struct {
	Answer  exam.Answer
	SavedAt time.Time
}

// Attempt is one student's attempt at one version of a test.
type Attempt struct {
	id, testID, courseID, studentID string
	version, number                 int
	state                           State
	seed                            uint64
	startedAt, deadline             time.Time
	closes                          time.Time    // the student's own close when the attempt started
	drawn                           []exam.Drawn // the questions drawn from the bank at the start
	answers                         map[string]SavedAnswer
	submittedAt                     time.Time
	submittedBy                     SubmittedBy
	late                            bool
	results                         map[string]Result // nil until graded automatically
	score, maximum, penalty         float64
	passed                          bool
	gradedAt                        time.Time
	gradedBy                        string
	overdue                         string
	releasedAt                      time.Time // zero until the student may see the results
	regrades                        []Regrade
	fixes                           []AppliedFix
	events                          []Event
}

// StartParams are what starting an attempt needs. Test is the test as loaded
// after its current version was marked in use; Number counts the student's
// attempts at the test including this one.
type StartParams struct {
	ID        string
	Test      *exam.Test
	StudentID string
	Number    int
	Seed      uint64
	Now       time.Time
	// Terms are the student's accommodation at the test (zero: none).
	Terms accommodation.Terms
	// Pools are the bank's candidates of each draw of the current version
	// (exam.Content.CheckPools); nil for a test without draws.
	Pools [][]exam.Candidate
}

// Start begins an attempt on the test's current version, if the test is open
// and the student has attempts left, both under her accommodation. Its
// deadline is now plus her time limit, which the test's close does not
// shorten, or the end of an untimed test (her close when later).
func Start(p StartParams) (*Attempt, error) {
	v := p.Test.Current()
	s := p.Terms.Apply(v.Content.Settings)
	if err := p.Test.CheckStartUnder(s, p.Now); err != nil {
		return nil, err
	}
	if s.MaxAttempts > 0 && p.Number > s.MaxAttempts {
		return nil, ErrNoAttemptsLeft
	}
	drawn, err := v.Content.DrawQuestions(p.Pools, p.Seed)
	if err != nil {
		return nil, err
	}
	now := p.Now.UTC()
	a := &Attempt{
		id: p.ID, testID: p.Test.ID(), courseID: p.Test.CourseID(), studentID: p.StudentID,
		version: v.Number, number: p.Number, state: StateInProgress, seed: p.Seed,
		startedAt: now, deadline: s.Deadline(now), closes: s.Closes, drawn: drawn, answers: map[string]SavedAnswer{},
	}
	a.events = append(a.events, Started{
		AttemptID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		StartedAt: now, Deadline: a.deadline,
	})
	return a, nil
}

// ID returns the attempt's id.
func (a *Attempt) ID() string { return a.id }

// TestID returns the id of the test attempted.
func (a *Attempt) TestID() string { return a.testID }

// CourseID returns the id of the test's course.
func (a *Attempt) CourseID() string { return a.courseID }

// StudentID returns the id of the student making the attempt.
func (a *Attempt) StudentID() string { return a.studentID }

// Version returns the number of the test version the attempt is on.
func (a *Attempt) Version() int { return a.version }

// Number returns the attempt's rank among the student's attempts at the test.
func (a *Attempt) Number() int { return a.number }

// State returns the attempt's state.
func (a *Attempt) State() State { return a.state }

// Seed returns the seed that fixes the attempt's order of questions and options.
func (a *Attempt) Seed() uint64 { return a.seed }

// StartedAt returns when the attempt started.
func (a *Attempt) StartedAt() time.Time { return a.startedAt }

// Deadline returns when the attempt ends, or zero when it has no deadline.
func (a *Attempt) Deadline() time.Time { return a.deadline }

// Answers returns the saved answers by question id.
func (a *Attempt) Answers() map[string]SavedAnswer { return maps.Clone(a.answers) }

// SubmittedAt returns when the attempt was submitted, or zero.
func (a *Attempt) SubmittedAt() time.Time { return a.submittedAt }

// SubmittedBy returns how the attempt was submitted, or "".
func (a *Attempt) SubmittedBy() SubmittedBy { return a.submittedBy }

// Late reports whether the attempt was submitted after the test closed.
func (a *Attempt) Late() bool { return a.late }

// Results returns the per-question results by question id, or nil before the
// attempt was graded automatically.
func (a *Attempt) Results() map[string]Result { return maps.Clone(a.results) }

// Score returns the final score (after any late penalty), once graded.
func (a *Attempt) Score() float64 { return a.score }

// Maximum returns the most the attempt could score, once graded.
func (a *Attempt) Maximum() float64 { return a.maximum }

// Penalty returns the points a late submission lost, once graded.
func (a *Attempt) Penalty() float64 { return a.penalty }

// Passed reports whether the graded attempt passed the test.
func (a *Attempt) Passed() bool { return a.passed }

// GradedAt returns when the attempt was graded, or zero.
func (a *Attempt) GradedAt() time.Time { return a.gradedAt }

// GradedBy returns the teacher who last graded an answer by hand, or "".
func (a *Attempt) GradedBy() string { return a.gradedBy }

// Overdue returns the grading-overdue level recorded ("reminder",
// "escalation"), or "".
func (a *Attempt) Overdue() string { return a.overdue }

// ReleasedAt is when the student was first allowed to see the results; zero
// while they are held.
func (a *Attempt) ReleasedAt() time.Time { return a.releasedAt }

// Regrades lists the changes of score made after the attempt was graded,
// oldest first.
func (a *Attempt) Regrades() []Regrade { return slices.Clone(a.regrades) }

// TimeLeft returns how long the attempt still runs at now; it is negative
// for an attempt without a deadline.
func (a *Attempt) TimeLeft(now time.Time) time.Duration {
	if a.deadline.IsZero() {
		return -1
	}
	return max(0, a.deadline.Sub(now))
}

// Drawn returns the questions drawn from the bank at the attempt's start.
func (a *Attempt) Drawn() []exam.Drawn { return slices.Clone(a.drawn) }

// Closes returns the student's own close of the test (her accommodation's
// when later than the test's), or zero when the test has none.
func (a *Attempt) Closes() time.Time { return a.closes }

// MoveClose moves the student's close to at when at is later: an
// accommodation granted while the attempt runs moves when her lateness
// starts too. It never moves it earlier.
func (a *Attempt) MoveClose(at time.Time) {
	if !a.closes.IsZero() && at.After(a.closes) {
		a.closes = at.UTC()
	}
}

// Paper returns version v as this attempt holds it: its draws replaced by
// the questions drawn at the start, in the versions drawn. It refuses a
// version other than the attempt's.
func (a *Attempt) Paper(v exam.Version) (exam.Version, error) {
	return a.sheet().Paper(v)
}

// PopEvents returns the events recorded since the last call and forgets them.
func (a *Attempt) PopEvents() []Event {
	ev := a.events
	a.events = nil
	return ev
}
