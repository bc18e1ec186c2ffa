package query

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// PreviewRegradeInput asks what fixing a question would change, changing nothing.
type PreviewRegradeInput struct {
	Caller   caller.Caller
	TestID   string
	Question exam.Question
	Reason   string
}

// RegradeChange is one graded attempt whose score a regrade changes.
type RegradeChange struct {
	AttemptID, StudentID string
	Number               int
	Previous, Score      float64
	Difference           float64
	PassedBefore, Passed bool
}

// RegradePreview is the outcome of a dry run: the graded attempts seen and
// those that change, by student then attempt number.
type RegradePreview struct {
	TestID  string
	Graded  int
	Changes []RegradeChange
}

// dryRunID names the fix a dry run grades with; it is never stored.
const dryRunID = "dry-run"

// PreviewRegrade tells what fixing a question would change, for those who
// may regrade (the course's owner, co-teachers and administrators): every
// graded attempt is graded again with the fix in memory, and nothing is
// written.
type PreviewRegrade struct {
	tests    exam.Repository
	attempts attempt.Repository
	policy   access.Policy
	clock    port.Clock
}

// NewPreviewRegrade returns the PreviewRegrade use case.
func NewPreviewRegrade(tests exam.Repository, attempts attempt.Repository, policy access.Policy, clock port.Clock) *PreviewRegrade {
	return &PreviewRegrade{tests: tests, attempts: attempts, policy: policy, clock: clock}
}

// Handle runs the use case.
func (h *PreviewRegrade) Handle(ctx context.Context, q PreviewRegradeInput) (RegradePreview, error) {
	t, err := teacherTest(ctx, h.tests, h.policy, q.Caller, q.TestID)
	if err != nil {
		return RegradePreview{}, err
	}
	if err := h.policy.RequireTeacher(ctx, q.Caller, t.CourseID()); err != nil {
		return RegradePreview{}, err
	}
	now := h.clock.Now()
	fixed, err := t.Preview(dryRunID, q.Question, q.Caller.UserID, q.Reason, now)
	if err != nil {
		return RegradePreview{}, err
	}
	list, err := h.attempts.ListByTest(ctx, t.ID())
	if err != nil {
		return RegradePreview{}, fmt.Errorf("attempts at %s: %w", t.ID(), err)
	}
	out := RegradePreview{TestID: t.ID(), Changes: []RegradeChange{}}
	for _, a := range list {
		if a.State() != attempt.StateGraded {
			continue
		}
		out.Graded++
		v, err := fixed.GradingVersion(a.Version())
		if err != nil {
			return RegradePreview{}, err
		}
		before := a.Passed()
		copied := attempt.Rehydrate(a.Snapshot())
		fix, err := copied.ApplyFix(dryRunID, v, q.Caller.UserID, q.Reason, now)
		if err != nil {
			return RegradePreview{}, err
		}
		if fix.Changed {
			out.Changes = append(out.Changes, RegradeChange{
				AttemptID: a.ID(), StudentID: a.StudentID(), Number: a.Number(),
				Previous: fix.Previous, Score: fix.Score, Difference: exam.Round(fix.Score - fix.Previous),
				PassedBefore: before, Passed: copied.Passed(),
			})
		}
	}
	return out, nil
}
