package query

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// AttemptView is an attempt as one reader sees it, with the version it is on.
type AttemptView struct {
	Attempt  *attempt.Attempt
	Version  exam.Version
	Audience Audience
	// ResultsVisible is true when the reader may see scores and feedback:
	// always for a teacher, for the student once the attempt is graded and
	// the test shows its results.
	ResultsVisible bool
	// Now is when the view was taken, for the time left.
	Now time.Time
}

// Attempt returns the attempt with id to its student or to a teacher of its
// course; anyone else gets attempt.ErrNotFound.
func (h Handlers) Attempt(ctx context.Context, c access.Caller, id string) (AttemptView, error) {
	a, err := h.attempts.Get(ctx, id)
	if err != nil {
		return AttemptView{}, err
	}
	t, err := h.tests.Get(ctx, a.TestID())
	if err != nil {
		return AttemptView{}, fmt.Errorf("test of attempt %s: %w", id, err)
	}
	aud := AsStudent
	if a.StudentID() != c.UserID {
		teaches, err := h.policy.Teaches(ctx, c, a.CourseID())
		if err != nil {
			return AttemptView{}, err
		}
		if !teaches {
			return AttemptView{}, attempt.ErrNotFound
		}
		aud = AsTeacher
	}
	return h.view(ctx, a, t, aud)
}

func (h Handlers) view(ctx context.Context, a *attempt.Attempt, t *exam.Test, aud Audience) (AttemptView, error) {
	// The version as graded: with the fixes of the test's regrades.
	v, err := t.GradingVersion(a.Version())
	if err != nil {
		return AttemptView{}, err
	}
	now := h.clock.Now()
	visible := aud == AsTeacher || (a.State() == attempt.StateGraded && t.ResultsVisible(now))
	return AttemptView{Attempt: a, Version: v, Audience: aud, ResultsVisible: visible, Now: now}, nil
}

// AttemptList is the attempts at a test one reader may see.
type AttemptList struct {
	Attempts []AttemptView
	Audience Audience
	// Policy is the test's scoring policy; Counted is the student's score
	// under it over the graded attempts whose results are shown, and
	// HasCounted says whether there is one. Both are for a student's list.
	Policy     exam.ScoringPolicy
	Counted    float64
	HasCounted bool
}

// Attempts lists the attempts at a test: every student's for a teacher of its
// course, their own for a student of it.
func (h Handlers) Attempts(ctx context.Context, c access.Caller, testID string) (AttemptList, error) {
	t, err := h.tests.Get(ctx, testID)
	if err != nil {
		return AttemptList{}, err
	}
	aud, err := h.audience(ctx, c, t)
	if err != nil {
		return AttemptList{}, err
	}
	var list []*attempt.Attempt
	if aud == AsTeacher {
		list, err = h.attempts.ListByTest(ctx, testID)
	} else {
		list, err = h.attempts.ListByStudent(ctx, testID, c.UserID)
	}
	if err != nil {
		return AttemptList{}, fmt.Errorf("attempts at %s: %w", testID, err)
	}
	out := AttemptList{Audience: aud, Policy: t.Current().Content.Settings.Scoring}
	var scores []float64
	for _, a := range list {
		v, err := h.view(ctx, a, t, aud)
		if err != nil {
			return AttemptList{}, err
		}
		out.Attempts = append(out.Attempts, v)
		if aud == AsStudent && v.ResultsVisible {
			scores = append(scores, a.Score())
		}
	}
	if aud == AsStudent {
		out.Counted, out.HasCounted = out.Policy.Combine(scores)
	}
	return out, nil
}
