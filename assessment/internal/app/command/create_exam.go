package command

import (
	"context"
	"fmt"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// CreateTestInput is what CreateTest is asked to do.
type CreateTestInput struct {
	Caller   caller.Caller
	CourseID string
	Content  exam.Content
}

// CreateTest writes a new, unpublished test for a course the caller teaches.
type CreateTest struct {
	tests  exam.Repository
	policy access.Policy
	clock  port.Clock
	ids    port.IDs
}

// NewCreateTest returns the CreateTest use case.
func NewCreateTest(tests exam.Repository, policy access.Policy, clock port.Clock, ids port.IDs) *CreateTest {
	return &CreateTest{tests: tests, policy: policy, clock: clock, ids: ids}
}

// Handle runs the use case. Questions and options without an id get one.
func (h *CreateTest) Handle(ctx context.Context, cmd CreateTestInput) (*exam.Test, error) {
	if err := h.policy.RequireTeacher(ctx, cmd.Caller, cmd.CourseID); err != nil {
		return nil, err
	}
	t, err := exam.New(h.ids.NewID(), cmd.CourseID, cmd.Caller.UserID, withIDs(h.ids, cmd.Content), h.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := h.tests.Add(ctx, t); err != nil {
		return nil, fmt.Errorf("add test: %w", err)
	}
	return t, nil
}

// withIDs gives an id to every question and option that has none, so a
// teacher may write a test without inventing them; clients keep the ids they
// read back, and statistics follow a question across versions by its id.
func withIDs(ids port.IDs, c exam.Content) exam.Content {
	qs := make([]exam.Question, len(c.Questions))
	for i, q := range c.Questions {
		if q.ID == "" {
			q.ID = ids.NewID()
		}
		opts := make([]exam.Option, len(q.Options))
		for j, o := range q.Options {
			if o.ID == "" {
				o.ID = ids.NewID()
			}
			opts[j] = o
		}
		if q.Options != nil {
			q.Options = opts
		}
		qs[i] = q
	}
	c.Questions = qs
	draws := slices.Clone(c.Draws)
	for i := range draws {
		if draws[i].ID == "" {
			draws[i].ID = ids.NewID()
		}
	}
	c.Draws = draws
	return c
}
