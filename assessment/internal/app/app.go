// Package app holds the assessment service's use cases (packages command and
// query), the access rules they share (package access), and assembles them
// for the transports: each use case is one type with Handle, and New gives
// every one of them its log line, histogram and span (shared/usecase).
package app

import (
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/usecase"
)

// Application is the set of use cases the transports call.
type Application struct {
	Commands Commands
	Queries  Queries
	// Clock tells the time the use cases read with, for views that depend
	// on it.
	Clock port.Clock
}

// Deps are the ports the use cases need.
type Deps struct {
	Tests    exam.Repository
	Attempts attempt.Repository
	// Accommodations are students' terms at tests (extra time, a later
	// close, extra attempts).
	Accommodations accommodation.Repository
	// Banks are the courses' question banks.
	Banks    bank.Repository
	Roster   access.Roster
	Recorder command.RosterRecorder
	Clock    port.Clock
	IDs      port.IDs
	// Pages reads a test's attempts page by page, for regrades.
	Pages command.AttemptPages
	// Responses read graded attempts for item analysis.
	Responses query.GradedResponses
	// Summaries are the attempts' summaries teachers list.
	Summaries query.AttemptSummaries
}

// New builds every use case over d, each observed by o under its name; a
// nil o observes nothing.
func New(d Deps, o *usecase.Observer) Application {
	return Application{Commands: newCommands(d, o), Queries: newQueries(d, o), Clock: d.Clock}
}
