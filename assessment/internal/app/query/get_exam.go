package query

import (
	"context"
	"errors"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// TestView is a test as one reader sees it.
type TestView struct {
	Test     *exam.Test
	Audience Audience
	// Terms are the student's accommodation at the test, in the view of
	// one test read as a student (zero otherwise, and when she has none).
	Terms accommodation.Terms
}

// GetTestInput is what GetTest is asked.
type GetTestInput struct {
	Caller caller.Caller
	TestID string
}

// GetTest returns the test with id as the caller may see it: teachers of its
// course see everything, its students the published test without the key;
// anyone else gets exam.ErrNotFound.
type GetTest struct {
	tests          exam.Repository
	policy         access.Policy
	accommodations accommodation.Repository
}

// NewGetTest returns the GetTest use case.
func NewGetTest(tests exam.Repository, policy access.Policy, accommodations accommodation.Repository) *GetTest {
	return &GetTest{tests: tests, policy: policy, accommodations: accommodations}
}

// Handle runs the use case.
func (h *GetTest) Handle(ctx context.Context, in GetTestInput) (TestView, error) {
	c, id := in.Caller, in.TestID
	t, err := h.tests.Get(ctx, id)
	if err != nil {
		return TestView{}, err
	}
	aud, err := audience(ctx, h.policy, c, t)
	if err != nil {
		return TestView{}, err
	}
	v := TestView{Test: t, Audience: aud}
	if aud == AsStudent {
		a, err := h.accommodations.Get(ctx, t.ID(), c.UserID)
		switch {
		case err == nil:
			v.Terms = a.Terms()
		case !errors.Is(err, accommodation.ErrNotFound):
			return TestView{}, fmt.Errorf("accommodation of %s at %s: %w", c.UserID, t.ID(), err)
		}
	}
	return v, nil
}
