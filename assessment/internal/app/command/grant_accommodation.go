package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// GrantAccommodationInput is what GrantAccommodation is asked to do.
type GrantAccommodationInput struct {
	Caller    caller.Caller
	TestID    string
	StudentID string
	Terms     accommodation.Terms
	Reason    string
}

// Granted is the outcome of a grant: the accommodation as stored, whether
// it changed, and the attempts in progress whose deadline it moved.
type Granted struct {
	Accommodation *accommodation.Accommodation
	Changed       bool
	Extensions    []accommodation.Extension
}

// GrantAccommodation sets a student's terms at a test: extra time, a later
// close, extra attempts, with the reason.
type GrantAccommodation struct {
	extender
	policy access.Policy
}

// NewGrantAccommodation returns the GrantAccommodation use case.
func NewGrantAccommodation(tests exam.Repository, attempts attempt.Repository, accommodations accommodation.Repository, clock port.Clock, policy access.Policy) *GrantAccommodation {
	return &GrantAccommodation{extender: extender{tests: tests, attempts: attempts, accommodations: accommodations, clock: clock}, policy: policy}
}

// Handle runs the use case. Only who may change the
// test's course (its owner, co-teachers, administrators) grants; a student
// must be on the course's roster. The terms are totals: the same terms again
// change nothing. A student's attempt in progress gets the later deadline
// the new terms give it (never an earlier one): the change, its event and
// the extension are one write, relayed to the attempt and its workflow, and
// the attempt is also moved here at once so her view shows it when this
// answers.
func (h *GrantAccommodation) Handle(ctx context.Context, cmd GrantAccommodationInput) (Granted, error) {
	t, err := teacherTest(ctx, h.tests, h.policy, cmd.Caller, cmd.TestID)
	if err != nil {
		return Granted{}, err
	}
	status, err := h.policy.Enrollment(ctx, caller.Caller{UserID: cmd.StudentID}, t.CourseID())
	if err != nil {
		return Granted{}, err
	}
	if status == "" {
		return Granted{}, accommodation.ErrStudentNotEnrolled
	}
	var out Granted
	key := accommodation.Key{TestID: t.ID(), CourseID: t.CourseID(), StudentID: cmd.StudentID}
	err = h.accommodations.Update(ctx, key, func(a *accommodation.Accommodation) ([]accommodation.Extension, error) {
		now := h.clock.Now()
		out = Granted{Accommodation: a}
		changed, err := a.Grant(cmd.Terms, cmd.Caller.UserID, cmd.Reason, now)
		if err != nil || !changed {
			return nil, err
		}
		out.Changed = true
		out.Extensions, err = h.extensions(ctx, a, now)
		return out.Extensions, err
	})
	if err != nil {
		return Granted{}, fmt.Errorf("grant accommodation of %s at %s: %w", cmd.StudentID, cmd.TestID, err)
	}
	for _, x := range out.Extensions {
		// The relay repeats this from the stored extension; a failure here
		// only delays it.
		_ = h.attempts.ExtendDeadline(ctx, x.AttemptID, x.Deadline)
	}
	if out.Changed {
		// An attempt she started while this grant was being written read
		// the old terms and was not in the list above: look again now the
		// terms are stored. The start looks again too, so one of the two
		// sees the other.
		more, err := h.catchUp(ctx, key)
		if err != nil {
			return out, err
		}
		out.Extensions = append(out.Extensions, more...)
	}
	return out, nil
}
