// Package query holds the assessment service's use cases that read state,
// one file per use case. Each decides whether the caller reads as a teacher
// (the answer key included) or as a student (never the key, only their own
// attempts); the transport renders the two differently.
package query

import (
	"context"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

// Clock tells the time.
type Clock interface{ Now() time.Time }

// Deps are what the query handlers need.
type Deps struct {
	Tests exam.Repository
	// Banks are the courses' question banks.
	Banks    bank.Repository
	Attempts attempt.Repository
	// Accommodations are students' terms at tests.
	Accommodations accommodation.Repository
	Roster         access.Roster
	Clock          Clock
	// Responses read graded attempts for item analysis.
	Responses GradedResponses
	// Summaries are the attempts' summaries teachers list.
	Summaries AttemptSummaries
}

// Handlers holds every query handler of the service.
type Handlers struct {
	tests    exam.Repository
	banks    bank.Repository
	attempts attempt.Repository
	// accommodations are students' terms at tests.
	accommodations accommodation.Repository
	policy         access.Policy
	clock          Clock
	responses      GradedResponses
	summaries      AttemptSummaries
}

// New returns the query handlers over d.
func New(d Deps) Handlers {
	return Handlers{
		tests: d.Tests, banks: d.Banks, attempts: d.Attempts, accommodations: d.Accommodations,
		policy: access.NewPolicy(d.Roster), clock: d.Clock, responses: d.Responses,
		summaries: d.Summaries,
	}
}

// Audience says how a reader sees a test or an attempt.
type Audience int

// The audiences.
const (
	// AsStudent sees questions without their key, and results only once
	// they are shown.
	AsStudent Audience = iota + 1
	// AsTeacher sees everything.
	AsTeacher
)

// audience returns how the caller may read the test, or exam.ErrNotFound.
func (h Handlers) audience(ctx context.Context, c access.Caller, t *exam.Test) (Audience, error) {
	teaches, err := h.policy.Teaches(ctx, c, t.CourseID())
	if err != nil {
		return 0, err
	}
	if teaches {
		return AsTeacher, nil
	}
	if !t.Published() {
		return 0, exam.ErrNotFound
	}
	reads, err := h.policy.Reads(ctx, c, t.CourseID())
	if err != nil {
		return 0, err
	}
	if !reads {
		return 0, exam.ErrNotFound
	}
	return AsStudent, nil
}

// Now tells the time the queries read with, for views that depend on it.
func (h Handlers) Now() time.Time { return h.clock.Now() }
