package command

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// ReleaseResultsInput is what ReleaseResults is asked to do.
type ReleaseResultsInput struct {
	Caller caller.Caller
	TestID string
}

// ReleaseResults shows the graded results of a test whose results wait for a
// manual release.
type ReleaseResults struct {
	tests  exam.Repository
	policy access.Policy
	clock  port.Clock
}

// NewReleaseResults returns the ReleaseResults use case.
func NewReleaseResults(tests exam.Repository, policy access.Policy, clock port.Clock) *ReleaseResults {
	return &ReleaseResults{tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case.
func (h *ReleaseResults) Handle(ctx context.Context, cmd ReleaseResultsInput) (*exam.Test, error) {
	return changeTest(ctx, h.tests, h.policy, h.clock, cmd.Caller, cmd.TestID, "release results of", (*exam.Test).ReleaseResults)
}
