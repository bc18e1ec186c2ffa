package command

import (
	"context"
	"errors"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// StartAttemptInput is what StartAttempt is asked to do.
type StartAttemptInput struct {
	Caller caller.Caller
	TestID string
}

// startTries bounds the retries of a start that lost a race: another
// attempt took the number, or the teacher made a new version meanwhile.
const startTries = 5

// StartAttempt starts the calling student's next attempt at a test.
type StartAttempt struct {
	extender
	policy access.Policy
	banks  bank.Repository
	ids    port.IDs
}

// NewStartAttempt returns the StartAttempt use case.
func NewStartAttempt(tests exam.Repository, attempts attempt.Repository, accommodations accommodation.Repository, clock port.Clock, policy access.Policy, banks bank.Repository, ids port.IDs) *StartAttempt {
	return &StartAttempt{extender: extender{tests: tests, attempts: attempts, accommodations: accommodations, clock: clock}, policy: policy, banks: banks, ids: ids}
}

// Handle runs the use case. It refuses a student who is not actively
// enrolled in the test's course, a test that is not open, a student out of
// attempts, and a student with an attempt in progress (the error names it).
// The attempt's workflow starts from the stored Started event, so a start is
// never lost and never doubled.
func (h *StartAttempt) Handle(ctx context.Context, cmd StartAttemptInput) (*attempt.Attempt, error) {
	for range startTries {
		a, err := h.startAttempt(ctx, cmd)
		if errors.Is(err, attempt.ErrNumberTaken) {
			continue
		}
		return a, err
	}
	return nil, attempt.ErrNumberTaken
}

func (h *StartAttempt) startAttempt(ctx context.Context, cmd StartAttemptInput) (*attempt.Attempt, error) {
	if err := access.RequireStudentRole(cmd.Caller); err != nil {
		return nil, err
	}
	t, err := h.tests.Get(ctx, cmd.TestID)
	if err != nil {
		return nil, err
	}
	status, err := h.policy.Enrollment(ctx, cmd.Caller, t.CourseID())
	if err != nil {
		return nil, err
	}
	switch {
	case status != access.EnrollmentActive && status != access.EnrollmentCompleted || !t.Published():
		// Students who cannot read the test do not learn it exists; its
		// teacher, who can, is refused.
		teaches, err := h.policy.Teaches(ctx, cmd.Caller, t.CourseID())
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(teaches, exam.ErrNotFound)
	case status != access.EnrollmentActive:
		return nil, access.ErrNotEnrolled
	}
	terms, err := termsOf(ctx, h.accommodations, t.ID(), cmd.Caller.UserID)
	if err != nil {
		return nil, err
	}
	if err := t.CheckStartUnder(terms.Apply(t.Current().Content.Settings), h.clock.Now()); err != nil {
		return nil, err
	}
	// The bank as it is now: the attempt keeps a copy of what it draws. A
	// bank too small refuses the start before the version is marked in use.
	pools, err := bankPools(ctx, h.banks, t.CourseID(), t.Current().Content)
	if err != nil {
		return nil, err
	}
	if err := t.Current().Content.CheckPools(pools); err != nil {
		return nil, err
	}
	drawn := t.Current().Number
	if t, err = h.markCurrentInUse(ctx, t); err != nil {
		return nil, err
	}
	if t.Current().Number != drawn {
		// The teacher made a new version meanwhile: draw for its draws.
		if pools, err = bankPools(ctx, h.banks, t.CourseID(), t.Current().Content); err != nil {
			return nil, err
		}
	}
	// Most starts are a student's first at the test (an exam opening for a
	// class): number 1 goes in without reading her attempts, which costs a
	// scan on FerretDB 1.24. The unique indexes refuse it if she has any,
	// and the read below decides.
	a, err := h.addAttempt(ctx, t, cmd.Caller.UserID, 1, terms, pools)
	if !errors.Is(err, attempt.ErrInProgress) && !errors.Is(err, attempt.ErrNumberTaken) {
		return h.recheckTerms(ctx, a, terms, err)
	}
	previous, err := h.attempts.ListByStudent(ctx, t.ID(), cmd.Caller.UserID)
	if err != nil {
		return nil, fmt.Errorf("attempts of %s at %s: %w", cmd.Caller.UserID, t.ID(), err)
	}
	for _, p := range previous {
		if p.State() == attempt.StateInProgress {
			return nil, attempt.ErrInProgress.With("attempt_id", p.ID())
		}
	}
	a, err = h.addAttempt(ctx, t, cmd.Caller.UserID, len(previous)+1, terms, pools)
	return h.recheckTerms(ctx, a, terms, err)
}

// recheckTerms reads the student's terms again once her attempt a is
// stored: a grant written meanwhile did not see a, so a gets the later
// deadline of the new terms here (the grant looks again too, and one of the
// two sees the other). A failure here leaves a started under the terms it
// read.
func (h *StartAttempt) recheckTerms(ctx context.Context, a *attempt.Attempt, used accommodation.Terms, err error) (*attempt.Attempt, error) {
	if err != nil {
		return a, err
	}
	now, err := termsOf(ctx, h.accommodations, a.TestID(), a.StudentID())
	if err != nil || now.Equal(used) {
		return a, nil
	}
	ext, err := h.catchUp(ctx, accommodation.Key{TestID: a.TestID(), CourseID: a.CourseID(), StudentID: a.StudentID()})
	if err != nil {
		return a, nil
	}
	for _, x := range ext {
		if x.AttemptID == a.ID() {
			return h.attempts.Get(ctx, a.ID())
		}
	}
	return a, nil
}

// termsOf returns the student's accommodation at the test; none is zero.
func termsOf(ctx context.Context, accommodations accommodation.Repository, testID, studentID string) (accommodation.Terms, error) {
	a, err := accommodations.Get(ctx, testID, studentID)
	if errors.Is(err, accommodation.ErrNotFound) {
		return accommodation.Terms{}, nil
	}
	if err != nil {
		return accommodation.Terms{}, fmt.Errorf("accommodation of %s at %s: %w", studentID, testID, err)
	}
	return a.Terms(), nil
}

// addAttempt starts and stores the student's attempt number n at t under
// her terms, drawing from pools.
func (h *StartAttempt) addAttempt(ctx context.Context, t *exam.Test, studentID string, n int, terms accommodation.Terms, pools [][]exam.Candidate) (*attempt.Attempt, error) {
	a, err := attempt.Start(attempt.StartParams{
		ID: h.ids.NewID(), Test: t, StudentID: studentID,
		Number: n, Seed: h.ids.NewSeed(), Now: h.clock.Now(), Terms: terms, Pools: pools,
	})
	if err != nil {
		return nil, err
	}
	if err := h.attempts.Add(ctx, a); err != nil {
		if errors.Is(err, attempt.ErrInProgress) || errors.Is(err, attempt.ErrNumberTaken) {
			return nil, err
		}
		return nil, fmt.Errorf("add attempt: %w", err)
	}
	return a, nil
}

// markCurrentInUse marks the test's current version in use, so it is never
// edited in place again, and returns the test as it is once marked: if the
// teacher made a new version meanwhile, that one is marked instead.
func (h *StartAttempt) markCurrentInUse(ctx context.Context, t *exam.Test) (*exam.Test, error) {
	for range startTries {
		if t.Current().InUse {
			return t, nil
		}
		if err := h.tests.MarkInUse(ctx, t.ID(), t.Current().Number); err != nil {
			return nil, fmt.Errorf("mark version %d of test %s in use: %w", t.Current().Number, t.ID(), err)
		}
		var err error
		if t, err = h.tests.Get(ctx, t.ID()); err != nil {
			return nil, err
		}
		if !t.Published() {
			return nil, exam.ErrNotFound // unpublished meanwhile: the mark did not apply
		}
	}
	return nil, exam.ErrVersionConflict
}
