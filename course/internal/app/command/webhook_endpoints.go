package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
)

// SecretKeys draws the random bytes of a new signing secret.
type SecretKeys func() ([]byte, error)

// WebhookEndpointsHandler registers, changes and removes webhook endpoints;
// only administrators may.
type WebhookEndpointsHandler struct {
	store  webhook.Endpoints
	now    Clock
	ids    IDs
	keys   SecretKeys
	known  []string
	policy webhook.URLPolicy
}

// NewWebhookEndpointsHandler returns the handler over store; known are the
// event types an endpoint may name, policy the URLs it may have.
func NewWebhookEndpointsHandler(store webhook.Endpoints, now Clock, ids IDs, keys SecretKeys, known []string, policy webhook.URLPolicy) WebhookEndpointsHandler {
	return WebhookEndpointsHandler{store: store, now: now, ids: ids, keys: keys, known: known, policy: policy}
}

// RegisterWebhook is an administrator's new endpoint.
type RegisterWebhook struct {
	Caller      course.Caller
	URL         string
	EventTypes  []string
	Description string
}

// AdminOnly answers webhook.ErrAdminOnly unless c is an administrator.
func AdminOnly(c course.Caller) error {
	if !c.Is(course.RoleAdmin) {
		return webhook.ErrAdminOnly
	}
	return nil
}

// Register stores a new enabled endpoint with a fresh secret; the answer is
// the only time the secret is shown.
func (h WebhookEndpointsHandler) Register(ctx context.Context, cmd RegisterWebhook) (webhook.Endpoint, error) {
	if err := AdminOnly(cmd.Caller); err != nil {
		return webhook.Endpoint{}, err
	}
	secret, err := h.secret()
	if err != nil {
		return webhook.Endpoint{}, err
	}
	e, err := webhook.NewEndpoint(h.ids.NewID(), cmd.URL, cmd.EventTypes, cmd.Description, secret, h.known, h.policy, h.now.Now())
	if err != nil {
		return webhook.Endpoint{}, err
	}
	if err := h.store.AddEndpoint(ctx, e); err != nil {
		return webhook.Endpoint{}, err
	}
	return e, nil
}

func (h WebhookEndpointsHandler) secret() (webhook.Secret, error) {
	key, err := h.keys()
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return webhook.NewSecret(key)
}

// RotateSecret gives the endpoint a new secret, returned once; deliveries
// signed from then on use it, retries included.
func (h WebhookEndpointsHandler) RotateSecret(ctx context.Context, caller course.Caller, id string) (webhook.Endpoint, error) {
	if err := AdminOnly(caller); err != nil {
		return webhook.Endpoint{}, err
	}
	secret, err := h.secret()
	if err != nil {
		return webhook.Endpoint{}, err
	}
	return h.store.UpdateEndpoint(ctx, id, func(e *webhook.Endpoint) error {
		e.Secret, e.UpdatedAt = secret, h.now.Now()
		return nil
	})
}

// SetEnabled disables an endpoint (its pending deliveries wait, new events
// are not queued for it) or enables it again.
func (h WebhookEndpointsHandler) SetEnabled(ctx context.Context, caller course.Caller, id string, enabled bool) (webhook.Endpoint, error) {
	if err := AdminOnly(caller); err != nil {
		return webhook.Endpoint{}, err
	}
	return h.store.UpdateEndpoint(ctx, id, func(e *webhook.Endpoint) error {
		e.Enabled, e.UpdatedAt = enabled, h.now.Now()
		return nil
	})
}

// Delete removes the endpoint and its delivery log.
func (h WebhookEndpointsHandler) Delete(ctx context.Context, caller course.Caller, id string) error {
	if err := AdminOnly(caller); err != nil {
		return err
	}
	return h.store.DeleteEndpoint(ctx, id)
}
