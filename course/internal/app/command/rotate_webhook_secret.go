package command

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// RotateWebhookSecretInput is what RotateWebhookSecret is asked.
type RotateWebhookSecretInput struct {
	Caller caller.Caller
	ID     string
}

// RotateWebhookSecret gives the endpoint a new secret, returned once; deliveries
// signed from then on use it, retries included.
type RotateWebhookSecret struct {
	store webhook.Endpoints
	now   Clock
	keys  SecretKeys
}

// NewRotateWebhookSecret returns the RotateWebhookSecret use case.
func NewRotateWebhookSecret(store webhook.Endpoints, now Clock, keys SecretKeys) *RotateWebhookSecret {
	return &RotateWebhookSecret{store: store, now: now, keys: keys}
}

// Handle rotates the secret.
func (h *RotateWebhookSecret) Handle(ctx context.Context, in RotateWebhookSecretInput) (webhook.Endpoint, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return webhook.Endpoint{}, err
	}
	secret, err := newSecret(h.keys)
	if err != nil {
		return webhook.Endpoint{}, err
	}
	return h.store.UpdateEndpoint(ctx, in.ID, func(e *webhook.Endpoint) error {
		e.Secret, e.UpdatedAt = secret, h.now.Now()
		return nil
	})
}
