package command

import (
	"context"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// PublishTestInput is what PublishTest is asked to do.
type PublishTestInput struct {
	Caller caller.Caller
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
