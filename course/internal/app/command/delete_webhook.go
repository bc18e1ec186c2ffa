package command

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// DeleteWebhookInput is what DeleteWebhook is asked.
type DeleteWebhookInput struct {
	Caller caller.Caller
	ID     string
}

// DeleteWebhook removes the endpoint and its delivery log.
type DeleteWebhook struct {
	store webhook.Endpoints
}

// NewDeleteWebhook returns the DeleteWebhook use case.
func NewDeleteWebhook(store webhook.Endpoints) *DeleteWebhook {
	return &DeleteWebhook{store: store}
}

// Handle deletes the endpoint.
func (h *DeleteWebhook) Handle(ctx context.Context, in DeleteWebhookInput) error {
	if err := AdminOnly(in.Caller); err != nil {
		return err
	}
	return h.store.DeleteEndpoint(ctx, in.ID)
}
