package webhook

import "lms/shared/errs"

// Errors of endpoints and deliveries.
var (
	ErrEndpointNotFound = errs.New(errs.NotFound, "webhook-endpoint-not-found", "the webhook endpoint does not exist")
	ErrDeliveryNotFound = errs.New(errs.NotFound, "webhook-delivery-not-found", "the endpoint has no such delivery")
	ErrBadURL           = errs.New(errs.InvalidArgument, "invalid-webhook-url", "the URL must be an absolute http or https URL").With("field", "url")
	ErrPrivateURL       = errs.New(errs.InvalidArgument, "webhook-url-not-allowed", "the URL names a private, loopback or link-local address, which this installation does not call").With("field", "url")
	ErrBadEventTypes    = errs.New(errs.InvalidArgument, "invalid-webhook-event-types", "name at least one event type, each one the LMS publishes").With("field", "event_types")
	ErrBadDescription   = errs.New(errs.InvalidArgument, "invalid-webhook-description", "the description is at most 500 characters of text").With("field", "description")
	ErrAdminOnly        = errs.New(errs.PermissionDenied, "webhooks-admin-only", "only an administrator manages webhooks")
	ErrBadReplay        = errs.New(errs.InvalidArgument, "invalid-webhook-replay", "a replay names a topic the LMS publishes and a time in the past").With("field", "topic")
)
