// Package ledger keeps what the LMS acknowledged during a simulation (every
// 2xx that promised something: a seat asked for, a lesson completed, an
// answer saved with its value, a submission, a grade, a release) and checks
// it, at the end, against what the API then shows.
package ledger

import (
	"sync"
	"time"
)

// Ledger is safe for concurrent use by every simulated person.
type Ledger struct {
	mu          sync.Mutex
	enrolls     []Enroll
	drops       map[Key]time.Time
	lessons     map[Key]map[string]bool
	starts      map[string]Start
	saves       map[string]map[string][]Save
	submits     map[string]time.Time
	grades      map[string]map[string]float64
	releases    map[string]time.Time
	expected    map[Key]bool
	reads       []Read
	capSamples  []CapacitySample
	earlyResult []EarlyResult
}

// Key names a student in a course.
type Key struct {
	Student, Course string
}

// Enroll is an acknowledged request for a seat.
type Enroll struct {
	Student, Course string
	Sent, Acked     time.Time
}

// Start is an acknowledged start of an attempt.
type Start struct {
	Attempt, Student, Test, Course string
	// Deadline is the attempt's deadline as the start answered it.
	Deadline time.Time
	// SubmitsItself is false for a student who never submits.
	SubmitsItself bool
}

// Save is an acknowledged answer: its value (the request body as canonical
// JSON) and when the request was sent and acknowledged.
type Save struct {
	Value       string
	Sent, Acked time.Time
}

// Read is an attempt to read or write another student's attempt, and the
// status it got.
type Read struct {
	Reader, Attempt, What string
	Status                int
}

// CapacitySample is a course's seats in use as its roster showed them.
type CapacitySample struct {
	Course   string
	Taken    int
	Capacity int
	At       time.Time
}

// EarlyResult is a result a student read before its teacher released it.
type EarlyResult struct {
	Student, Attempt string
	At               time.Time
}

// New answers an empty ledger.
func New() *Ledger {
	return &Ledger{
		drops: map[Key]time.Time{}, lessons: map[Key]map[string]bool{}, starts: map[string]Start{},
		saves: map[string]map[string][]Save{}, submits: map[string]time.Time{}, grades: map[string]map[string]float64{},
		releases: map[string]time.Time{}, expected: map[Key]bool{},
	}
}

// Enrolled records a seat asked for and acknowledged (202 or 200).
func (l *Ledger) Enrolled(e Enroll) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.enrolls = append(l.enrolls, e)
}

// Dropped records an acknowledged drop.
func (l *Ledger) Dropped(k Key, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drops[k] = at
}

// LessonCompleted records an acknowledged lesson completion.
func (l *Ledger) LessonCompleted(k Key, lesson string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lessons[k] == nil {
		l.lessons[k] = map[string]bool{}
	}
	l.lessons[k][lesson] = true
}

// Started records an acknowledged start.
func (l *Ledger) Started(s Start) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.starts[s.Attempt] = s
}

// Saved records an acknowledged answer.
func (l *Ledger) Saved(attempt, question string, s Save) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.saves[attempt] == nil {
		l.saves[attempt] = map[string][]Save{}
	}
	l.saves[attempt][question] = append(l.saves[attempt][question], s)
}

// Submitted records an acknowledged submission.
func (l *Ledger) Submitted(attempt string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.submits[attempt]; !ok {
		l.submits[attempt] = at
	}
}

// Graded records a teacher's acknowledged score of one question.
func (l *Ledger) Graded(attempt, question string, score float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.grades[attempt] == nil {
		l.grades[attempt] = map[string]float64{}
	}
	l.grades[attempt][question] = score
}

// Released records a test's acknowledged release of results, first one
// counts.
func (l *Ledger) Released(test string, sent time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.releases[test]; !ok {
		l.releases[test] = sent
	}
}

// ReleasedAt answers when the test's release was first sent, if it was
// acknowledged.
func (l *Ledger) ReleasedAt(test string) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.releases[test]
	return t, ok
}

// ExpectCompletion records that the student did everything the course asks
// (every lesson, every required test passed and released): the enrollment
// must end completed.
func (l *Ledger) ExpectCompletion(k Key) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expected[k] = true
}

// TriedOthers records a try at another student's attempt.
func (l *Ledger) TriedOthers(r Read) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reads = append(l.reads, r)
}

// SampledCapacity records a roster's seats in use.
func (l *Ledger) SampledCapacity(s CapacitySample) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.capSamples = append(l.capSamples, s)
}

// ReadEarly records a result shown before its release.
func (l *Ledger) ReadEarly(e EarlyResult) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.earlyResult = append(l.earlyResult, e)
}

// Starts answers every acknowledged start.
func (l *Ledger) Starts() []Start {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Start, 0, len(l.starts))
	for _, s := range l.starts {
		out = append(out, s)
	}
	return out
}

// Enrolls answers every acknowledged enrollment request.
func (l *Ledger) Enrolls() []Enroll {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Enroll(nil), l.enrolls...)
}

// Counts answers the size of the ledger by kind, for the report.
func (l *Ledger) Counts() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	saves, grades, lessons := 0, 0, 0
	for _, qs := range l.saves {
		for _, s := range qs {
			saves += len(s)
		}
	}
	for _, g := range l.grades {
		grades += len(g)
	}
	for _, ls := range l.lessons {
		lessons += len(ls)
	}
	return map[string]int{
		"enrollments": len(l.enrolls), "drops": len(l.drops), "lessons": lessons, "starts": len(l.starts),
		"saves": saves, "submits": len(l.submits), "grades": grades, "releases": len(l.releases),
		"tries at others' attempts": len(l.reads), "completions expected": len(l.expected),
	}
}
