package command

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// AttemptPages reads a test's attempts in pages, in the order of their ids.
type AttemptPages interface {
	// PageByTest returns up to limit attempt ids of the test greater than
	// after, in order.
	PageByTest(ctx context.Context, testID, after string, limit int) ([]string, error)
}

// RegradePageInput is what RegradePage is asked to do.
type RegradePageInput struct {
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

// RegradePage applies a regrade to the next page of the test's attempts
// after the attempt id After; the regrade workflow runs it page by page.
type RegradePage struct {
	tests    exam.Repository
	attempts attempt.Repository
	pages    AttemptPages
	clock    port.Clock
}

// NewRegradePage returns the RegradePage use case.
func NewRegradePage(tests exam.Repository, attempts attempt.Repository, pages AttemptPages, clock port.Clock) *RegradePage {
	return &RegradePage{tests: tests, attempts: attempts, pages: pages, clock: clock}
}

// Handle runs the use case. Each attempt records the regrades it has
// applied in the same write as their effect, so a page repeated after a
// crash changes nothing twice and counts the same.
func (h *RegradePage) Handle(ctx context.Context, cmd RegradePageInput) (RegradedPage, error) {
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
	// The attempts of a page are independent documents: they are regraded
	// regradeParallel at a time. A failure fails the page, which is then
	// repeated whole; what was applied changes nothing again.
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
		sem  = make(chan struct{}, regradeParallel)
	)
	for _, id := range ids {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			changed, err := h.applyFix(ctx, id, t, r)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			} else if changed {
				out.Changed++
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return RegradedPage{}, err
	}
	if len(ids) > 0 {
		out.Last = ids[len(ids)-1]
	}
	return out, nil
}

// regradeParallel bounds the attempts of a page regraded at once.
const regradeParallel = 8

// applyFix applies regrade r of test t to the attempt and reports whether
// its score changed (now or when it was applied before).
func (h *RegradePage) applyFix(ctx context.Context, id string, t *exam.Test, r exam.Regrade) (bool, error) {
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
		return false, fmt.Errorf("regrade attempt %s: %w", id, err)
	}
	return fix.Changed, nil
}
