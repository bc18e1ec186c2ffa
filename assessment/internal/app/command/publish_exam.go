package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// PublishTest opens a test to the students of its course.
type PublishTest struct {
	Caller access.Caller
	TestID string
}

// PublishTest handles PublishTest.
func (h Handlers) PublishTest(ctx context.Context, cmd PublishTest) (*exam.Test, error) {
	return h.changeTest(ctx, cmd.Caller, cmd.TestID, "publish", func(t *exam.Test, now time.Time) error {
		// A draw larger than its category of the bank would refuse every start.
		if err := h.checkDraws(ctx, t.CourseID(), t.Current().Content); err != nil {
			return err
		}
		return t.Publish(now)
	})
}

// ReleaseResults shows the graded results of a test whose results wait for a
// manual release.
type ReleaseResults struct {
	Caller access.Caller
	TestID string
}

// ReleaseResults handles ReleaseResults.
func (h Handlers) ReleaseResults(ctx context.Context, cmd ReleaseResults) (*exam.Test, error) {
	return h.changeTest(ctx, cmd.Caller, cmd.TestID, "release results of", (*exam.Test).ReleaseResults)
}

// changeTest applies change to a test the caller teaches.
func (h Handlers) changeTest(ctx context.Context, c access.Caller, id, what string, change func(*exam.Test, time.Time) error) (*exam.Test, error) {
	if _, err := h.teacherTest(ctx, c, id); err != nil {
		return nil, err
	}
	var saved *exam.Test
	err := h.tests.Update(ctx, id, func(t *exam.Test) error {
		saved = t
		return change(t, h.clock.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("%s test %s: %w", what, id, err)
	}
	return saved, nil
}
