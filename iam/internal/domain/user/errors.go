package user

import "lms/shared/errs"

// Errors of the user aggregate.
var (
	ErrInvalidEmail       = errs.New(errs.InvalidArgument, "invalid-email", "the email address is not valid").With("field", "email")
	ErrInvalidDisplayName = errs.New(errs.InvalidArgument, "invalid-display-name", "the display name must be 1 to 100 characters").With("field", "display_name")
	ErrWeakPassword       = errs.New(errs.InvalidArgument, "weak-password", "the password must be 12 to 128 characters").With("field", "password")
	ErrUnknownRole        = errs.New(errs.InvalidArgument, "unknown-role", "the role is not one of student, teacher, admin").With("field", "roles")
	ErrNotFound           = errs.New(errs.NotFound, "user-not-found", "the user does not exist")
	ErrEmailTaken         = errs.New(errs.AlreadyExists, "email-taken", "the email address is already registered")
	ErrSelfDemotion       = errs.New(errs.FailedPrecondition, "self-demotion", "an admin cannot remove their own admin role")
	ErrSelfDisable        = errs.New(errs.FailedPrecondition, "self-disable", "an admin cannot disable their own account")
)
