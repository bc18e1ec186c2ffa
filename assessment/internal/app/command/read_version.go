package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// version returns the test version the attempt is on.
func version(ctx context.Context, tests exam.Repository, a *attempt.Attempt) (exam.Version, error) {
	v, err := tests.Version(ctx, a.TestID(), a.Version())
	if err != nil {
		return exam.Version{}, fmt.Errorf("version %d of test %s: %w", a.Version(), a.TestID(), err)
	}
	return v, nil
}

// gradingVersion returns the test version the attempt is on with every
// regrade's fixed question, which is what grading uses, so an attempt graded
// after a regrade gets the fixed key too. It reads the test itself (not the
// cached version): grading happens once per attempt, and the fixes are not
// part of the immutable version.
func gradingVersion(ctx context.Context, tests exam.Repository, a *attempt.Attempt) (exam.Version, error) {
	t, err := tests.Get(ctx, a.TestID())
	if err != nil {
		return exam.Version{}, fmt.Errorf("test %s: %w", a.TestID(), err)
	}
	v, err := t.GradingVersion(a.Version())
	if err != nil {
		return exam.Version{}, fmt.Errorf("version %d of test %s: %w", a.Version(), a.TestID(), err)
	}
	return v, nil
}
