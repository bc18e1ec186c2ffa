package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// SecretKeys draws the random bytes of a new signing secret.
type SecretKeys func() ([]byte, error)

// AdminOnly answers webhook.ErrAdminOnly unless c is an administrator.
func AdminOnly(c caller.Caller) error {
	if !c.Has(course.RoleAdmin) {
		return webhook.ErrAdminOnly
	}
	return nil
}

// newSecret draws a new signing secret from keys.
func newSecret(keys SecretKeys) (webhook.Secret, error) {
	key, err := keys()
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return webhook.NewSecret(key)
}

// RegisterWebhookInput is an administrator's new endpoint.
type RegisterWebhookInput struct {
	Caller      caller.Caller
	URL         string
	EventTypes  []string
	Description string
}

// RegisterWebhook stores a new enabled endpoint with a fresh secret; only
// administrators may.
type RegisterWebhook struct {
	store  webhook.Endpoints
	now    Clock
	ids    IDs
	keys   SecretKeys
	known  []string
	policy webhook.URLPolicy
}

// NewRegisterWebhook returns the RegisterWebhook use case.
func NewRegisterWebhook(store webhook.Endpoints, now Clock, ids IDs, keys SecretKeys, known []string, policy webhook.URLPolicy) *RegisterWebhook {
	return &RegisterWebhook{store: store, now: now, ids: ids, keys: keys, known: known, policy: policy}
}

// Handle stores the endpoint; the answer is the only time the secret is
// shown.
func (h *RegisterWebhook) Handle(ctx context.Context, in RegisterWebhookInput) (webhook.Endpoint, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return webhook.Endpoint{}, err
	}
	secret, err := newSecret(h.keys)
	if err != nil {
		return webhook.Endpoint{}, err
	}
	e, err := webhook.NewEndpoint(h.ids.NewID(), in.URL, in.EventTypes, in.Description, secret, h.known, h.policy, h.now.Now())
	if err != nil {
		return webhook.Endpoint{}, err
	}
	if err := h.store.AddEndpoint(ctx, e); err != nil {
		return webhook.Endpoint{}, err
	}
	return e, nil
}
