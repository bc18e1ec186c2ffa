package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// extender moves the deadlines of a student's attempts in progress to what
// her accommodation gives them: a grant and a start both catch up.
type extender struct {
	tests          exam.Repository
	attempts       attempt.Repository
	accommodations accommodation.Repository
	clock          port.Clock
}

// catchUp stores, with the student's accommodation, the extensions her
// attempts in progress still lack under her terms, and moves their stored
// deadlines at once (the relay repeats it and signals their workflows). It
// changes nothing when none lacks one.
func (h extender) catchUp(ctx context.Context, key accommodation.Key) ([]accommodation.Extension, error) {
	var ext []accommodation.Extension
	err := h.accommodations.Update(ctx, key, func(a *accommodation.Accommodation) ([]accommodation.Extension, error) {
		var err error
		ext, err = h.extensions(ctx, a, h.clock.Now())
		return ext, err
	})
	if err != nil {
		return nil, fmt.Errorf("extensions of %s at %s: %w", key.StudentID, key.TestID, err)
	}
	for _, x := range ext {
		_ = h.attempts.ExtendDeadline(ctx, x.AttemptID, x.Deadline)
	}
	return ext, nil
}

// extensions are the later deadlines the student's attempts in progress at
// the test get under her accommodation a at now.
func (h extender) extensions(ctx context.Context, a *accommodation.Accommodation, now time.Time) ([]accommodation.Extension, error) {
	attempts, err := h.attempts.ListByStudent(ctx, a.TestID(), a.StudentID())
	if err != nil {
		return nil, fmt.Errorf("attempts of %s at %s: %w", a.StudentID(), a.TestID(), err)
	}
	var out []accommodation.Extension
	for _, at := range attempts {
		if at.State() != attempt.StateInProgress {
			continue
		}
		v, err := version(ctx, h.tests, at)
		if err != nil {
			return nil, err
		}
		if d, ok := at.ExtendedDeadline(a.Terms().Apply(v.Content.Settings), now); ok {
			out = append(out, accommodation.Extension{AttemptID: at.ID(), Deadline: d})
		}
	}
	return out, nil
}
