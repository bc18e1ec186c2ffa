package attempt

import (
	"maps"
	"slices"
	"time"

	"lms/assessment/internal/domain/exam"
)

// Snapshot is an attempt's whole state, for repositories to store and load.
type Snapshot struct {
	ID, TestID, CourseID, StudentID string
	Version, Number                 int
	State                           State
	Seed                            uint64
	StartedAt, Deadline             time.Time
	Closes                          time.Time
	Drawn                           []exam.Drawn
	Answers                         map[string]SavedAnswer
	SubmittedAt                     time.Time
	SubmittedBy                     SubmittedBy
	Late                            bool
	Results                         map[string]Result
	Score, Maximum, Penalty         float64
	Passed                          bool
	GradedAt                        time.Time
	GradedBy                        string
	Overdue                         string
	ReleasedAt                      time.Time
	Regrades                        []Regrade
	Fixes                           []AppliedFix
}

// Snapshot returns the attempt's state.
func (a *Attempt) Snapshot() Snapshot {
	return Snapshot{
		ID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		Version: a.version, Number: a.number, State: a.state, Seed: a.seed,
		StartedAt: a.startedAt, Deadline: a.deadline, Closes: a.closes, Drawn: slices.Clone(a.drawn), Answers: maps.Clone(a.answers),
		SubmittedAt: a.submittedAt, SubmittedBy: a.submittedBy, Late: a.late, Results: maps.Clone(a.results),
		Score: a.score, Maximum: a.maximum, Penalty: a.penalty, Passed: a.passed,
		GradedAt: a.gradedAt, GradedBy: a.gradedBy, Overdue: a.overdue,
		ReleasedAt: a.releasedAt, Regrades: slices.Clone(a.regrades), Fixes: slices.Clone(a.fixes),
	}
}

// Rehydrate rebuilds a stored attempt.
func Rehydrate(s Snapshot) *Attempt {
	answers := maps.Clone(s.Answers)
	if answers == nil {
		answers = map[string]SavedAnswer{}
	}
	return &Attempt{
		id: s.ID, testID: s.TestID, courseID: s.CourseID, studentID: s.StudentID,
		version: s.Version, number: s.Number, state: s.State, seed: s.Seed,
		startedAt: s.StartedAt, deadline: s.Deadline, closes: s.Closes, drawn: slices.Clone(s.Drawn), answers: answers,
		submittedAt: s.SubmittedAt, submittedBy: s.SubmittedBy, late: s.Late, results: maps.Clone(s.Results),
		score: s.Score, maximum: s.Maximum, penalty: s.Penalty, passed: s.Passed,
		gradedAt: s.GradedAt, gradedBy: s.GradedBy, overdue: s.Overdue,
		releasedAt: s.ReleasedAt, regrades: slices.Clone(s.Regrades), fixes: slices.Clone(s.Fixes),
	}
}
