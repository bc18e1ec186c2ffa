package notification

import "lms/shared/errs"

// Errors of notifications and preferences.
var (
	ErrNotFound    = errs.New(errs.NotFound, "notification-not-found", "the notification does not exist")
	ErrUnknownKind = errs.New(errs.InvalidArgument, "invalid-notification-kind", "the notification kind is not one the LMS sends").With("field", "kind")
	ErrBadEvent    = errs.New(errs.InvalidArgument, "invalid-notification-event", "a notification needs an event id, a kind and a recipient")
)

// ErrMailRefused means the mail relay refused a mail for good (an address
// it will not deliver to); the mail is not tried again.
var ErrMailRefused = errs.New(errs.FailedPrecondition, "mail-refused", "the mail relay refused the mail")
