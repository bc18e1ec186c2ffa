package command

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// SetWebhookEnabledInput is what SetWebhookEnabled is asked.
type SetWebhookEnabledInput struct {
	Caller  caller.Caller
	ID      string
	Enabled bool
}

// SetWebhookEnabled disables an endpoint (its pending deliveries wait, new events
// are not queued for it) or enables it again.
type SetWebhookEnabled struct {
	store webhook.Endpoints
	now   Clock
}

// NewSetWebhookEnabled returns the SetWebhookEnabled use case.
func NewSetWebhookEnabled(store webhook.Endpoints, now Clock) *SetWebhookEnabled {
	return &SetWebhookEnabled{store: store, now: now}
}

// Handle disables or enables the endpoint.
func (h *SetWebhookEnabled) Handle(ctx context.Context, in SetWebhookEnabledInput) (webhook.Endpoint, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return webhook.Endpoint{}, err
	}
	return h.store.UpdateEndpoint(ctx, in.ID, func(e *webhook.Endpoint) error {
		e.Enabled, e.UpdatedAt = in.Enabled, h.now.Now()
		return nil
	})
}
