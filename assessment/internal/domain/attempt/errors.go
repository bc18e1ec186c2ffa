package attempt

import "lms/shared/errs"

// Errors of the attempt aggregate.
var (
	ErrNotFound          = errs.New(errs.NotFound, "attempt-not-found", "the attempt does not exist")
	ErrInProgress        = errs.New(errs.FailedPrecondition, "attempt-in-progress", "an attempt at this test is already in progress")
	ErrNoAttemptsLeft    = errs.New(errs.FailedPrecondition, "no-attempts-left", "every allowed attempt at this test has been made")
	ErrDeadlinePassed    = errs.New(errs.FailedPrecondition, "attempt-deadline-passed", "the attempt's time is up; the answer was not saved")
	ErrNotInProgress     = errs.New(errs.FailedPrecondition, "attempt-not-in-progress", "the attempt was submitted; its answers can no longer change")
	ErrNotSubmitted      = errs.New(errs.FailedPrecondition, "attempt-not-submitted", "the attempt has not been submitted yet")
	ErrNotAwaitingReview = errs.New(errs.FailedPrecondition, "attempt-not-awaiting-review", "only a graded attempt or one waiting for review can be graded by hand")
	ErrNotGraded         = errs.New(errs.FailedPrecondition, "attempt-not-graded", "the attempt has not been graded yet")
	ErrRegradeReason     = errs.New(errs.InvalidArgument, "regrade-reason-required", "changing a graded attempt's score needs a reason").With("field", "reason")
	ErrEssaysPending     = errs.New(errs.FailedPrecondition, "essays-not-graded", "some essays of the attempt wait for a teacher")
	ErrNumberTaken       = errs.New(errs.AlreadyExists, "attempt-number-taken", "another attempt took this number; try again")
	ErrDeadlineMoved     = errs.New(errs.FailedPrecondition, "attempt-deadline-moved", "an extension moved the attempt's deadline later")
	ErrBusy              = errs.New(errs.Unavailable, "attempt-busy", "the attempt kept changing; try again")
	ErrVersionMismatch   = errs.New(errs.Internal, "attempt-version-mismatch", "the attempt's test version is not the one given")
)
