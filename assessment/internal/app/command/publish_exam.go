package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

// PublishTestInput is what PublishTest is asked to do.
type PublishTestInput struct {
	Caller access.Caller
	TestID string
}

// PublishTest opens a test to the students of its course.
type PublishTest struct {
	tests  exam.Repository
	policy access.Policy
	banks  bank.Repository
	clock  port.Clock
}

// NewPublishTest returns the PublishTest use case.
func NewPublishTest(tests exam.Repository, policy access.Policy, banks bank.Repository, clock port.Clock) *PublishTest {
	return &PublishTest{tests: tests, policy: policy, banks: banks, clock: clock}
}

// Handle runs the use case.
func (h *PublishTest) Handle(ctx context.Context, cmd PublishTestInput) (*exam.Test, error) {
	return changeTest(ctx, h.tests, h.policy, h.clock, cmd.Caller, cmd.TestID, "publish", func(t *exam.Test, now time.Time) error {
		// A draw larger than its category of the bank would refuse every start.
		if err := checkDraws(ctx, h.banks, t.CourseID(), t.Current().Content); err != nil {
			return err
		}
		return t.Publish(now)
	})
}

// ReleaseResultsInput is what ReleaseResults is asked to do.
type ReleaseResultsInput struct {
	Caller access.Caller
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

// changeTest applies change to a test the caller teaches.
func changeTest(ctx context.Context, tests exam.Repository, policy access.Policy, clock port.Clock, c access.Caller, id, what string, change func(*exam.Test, time.Time) error) (*exam.Test, error) {
	if _, err := teacherTest(ctx, tests, policy, c, id); err != nil {
		return nil, err
	}
	var saved *exam.Test
	err := tests.Update(ctx, id, func(t *exam.Test) error {
		saved = t
		return change(t, clock.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("%s test %s: %w", what, id, err)
	}
	return saved, nil
}
