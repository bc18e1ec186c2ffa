package flows

import (
	"go.temporal.io/sdk/temporal"

	"lms/shared/errs"
)

// Refuse is how an activity returns its use case's error: a business
// refusal (invalid argument, not found, already exists, failed
// precondition, permission denied) becomes a non-retryable application
// error of type ErrTypeRefused carrying a Refusal; anything else (the
// database is down) stays retryable. A nil error stays nil.
func Refuse(err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	switch e.Kind {
	case errs.InvalidArgument, errs.NotFound, errs.AlreadyExists, errs.FailedPrecondition, errs.PermissionDenied:
		return temporal.NewNonRetryableApplicationError(e.Message, ErrTypeRefused, err,
			Refusal{Slug: e.Slug, Message: e.Message, Fields: e.Fields})
	}
	return err
}
