package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// changeTest applies change to a test the caller teaches.
func changeTest(ctx context.Context, tests exam.Repository, policy access.Policy, clock port.Clock, c caller.Caller, id, what string, change func(*exam.Test, time.Time) error) (*exam.Test, error) {
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
