package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// AttemptPages reads a test's attempts in pages, in the order of their ids.
type AttemptPages interface {
	// PageByTest returns up to limit attempt ids of the test greater than
	// after, in order.
	PageByTest(ctx context.Context, testID, after string, limit int) ([]string, error)
}

// RegradePage applies a regrade to the next page of the test's attempts
// after the attempt id After; the regrade workflow runs it page by page.
type RegradePage struct {
	RegradeID, TestID, After string
	Limit                    int
}

// RegradedPage is what a page of a regrade did.
type RegradedPage struct {
	// Seen counts the attempts of the page, Changed those whose score the
	// regrade changed (now or in an earlier try of the same page).
	Seen, Changed int
	// Last is the id of the page's last attempt; Done says no attempt follows.
	Last string
	Done bool
}

// RegradePage handles RegradePage. Each attempt records the regrades it has
// applied in the same write as their effect, so a page repeated after a
// crash changes nothing twice and counts the same.
func (h Handlers) RegradePage(ctx context.Context, cmd RegradePage) (RegradedPage, error) {
	t, err := h.tests.Get(ctx, cmd.TestID)
	if err != nil {
		return RegradedPage{}, fmt.Errorf("test %s: %w", cmd.TestID, err)
	}
	r, err := t.Regrade(cmd.RegradeID)
	if err != nil {
		return RegradedPage{}, err
	}
	limit := max(cmd.Limit, 1)
	ids, err := h.pages.PageByTest(ctx, cmd.TestID, cmd.After, limit)
	if err != nil {
		return RegradedPage{}, fmt.Errorf("attempts of %s after %q: %w", cmd.TestID, cmd.After, err)
	}
	out := RegradedPage{Seen: len(ids), Last: cmd.After, Done: len(ids) < limit}
	for _, id := range ids {
		var fix attempt.FixOutcome
		err := h.attempts.Update(ctx, id, func(a *attempt.Attempt) error {
			v, err := t.GradingVersionAt(a.Version(), r.ID)
			if err != nil {
				return err
			}
			fix, err = a.ApplyFix(r.ID, v, r.By, r.Reason, h.clock.Now())
			return err
		})
		if err != nil {
			return RegradedPage{}, fmt.Errorf("regrade attempt %s: %w", id, err)
		}
		if fix.Changed {
			out.Changed++
		}
		out.Last = id
	}
	return out, nil
}

// FinishRegrade records a regrade as done with its counts; the regrade
// workflow runs it after the last page. Repeating it changes nothing.
type FinishRegrade struct {
	RegradeID, TestID string
	Seen, Changed     int
}

// FinishRegrade handles FinishRegrade.
func (h Handlers) FinishRegrade(ctx context.Context, cmd FinishRegrade) error {
	err := h.tests.Update(ctx, cmd.TestID, func(t *exam.Test) error {
		_, err := t.FinishRegrade(cmd.RegradeID, cmd.Seen, cmd.Changed, h.clock.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("finish regrade %s of test %s: %w", cmd.RegradeID, cmd.TestID, err)
	}
	return nil
}
