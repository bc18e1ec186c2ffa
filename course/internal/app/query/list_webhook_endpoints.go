package query

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// ListWebhookEndpointsInput is what ListWebhookEndpoints is asked.
type ListWebhookEndpointsInput struct {
	Caller caller.Caller
}

// ListWebhookEndpoints lists every endpoint, oldest first (their secrets stay out of
// the answer, see the transport).
type ListWebhookEndpoints struct {
	endpoints webhook.Endpoints
}

// NewListWebhookEndpoints returns the ListWebhookEndpoints use case.
func NewListWebhookEndpoints(endpoints webhook.Endpoints) *ListWebhookEndpoints {
	return &ListWebhookEndpoints{endpoints: endpoints}
}

// Handle answers the query.
func (h *ListWebhookEndpoints) Handle(ctx context.Context, in ListWebhookEndpointsInput) ([]webhook.Endpoint, error) {
	if err := adminOnly(in.Caller); err != nil {
		return nil, err
	}
	return h.endpoints.ListEndpoints(ctx)
}
