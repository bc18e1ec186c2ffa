package enrollment

import "lms/shared/errs"

// Errors of the enrollment aggregate.
var (
	ErrNotFound          = errs.New(errs.NotFound, "enrollment-not-found", "the enrollment does not exist")
	ErrAlreadyEnrolled   = errs.New(errs.AlreadyExists, "already-enrolled", "the student is already enrolled in this course")
	ErrInvalidTransition = errs.New(errs.FailedPrecondition, "enrollment-transition-invalid", "the enrollment cannot make this change in its current state")
	ErrNotActive         = errs.New(errs.FailedPrecondition, "enrollment-not-active", "the enrollment does not hold a seat")
	ErrPrerequisites     = errs.New(errs.FailedPrecondition, "prerequisites-not-completed", "the student has not completed every prerequisite course")
	ErrInvalidReason     = errs.New(errs.InvalidArgument, "invalid-reason", "the reason must be at most 500 characters of valid UTF-8 without NUL characters").With("field", "reason")
)
