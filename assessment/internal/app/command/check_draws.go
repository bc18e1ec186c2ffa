package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

// bankPools reads the course's bank for the draws of c: each draw's candidates,
// nil when c draws nothing (and then the bank is not read).
func bankPools(ctx context.Context, banks bank.Repository, courseID string, c exam.Content) ([][]exam.Candidate, error) {
	if len(c.Draws) == 0 {
		return nil, nil
	}
	b, err := banks.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("bank of %s: %w", courseID, err)
	}
	return b.Pools(c.Draws), nil
}

// checkDraws refuses content whose draws ask for more questions than the
// course's bank holds (exam.ErrBankTooSmall).
func checkDraws(ctx context.Context, banks bank.Repository, courseID string, c exam.Content) error {
	pools, err := bankPools(ctx, banks, courseID, c)
	if err != nil {
		return err
	}
	return c.CheckPools(pools)
}
