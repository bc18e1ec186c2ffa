package query

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// GetWebhookEndpointInput is what GetWebhookEndpoint is asked.
type GetWebhookEndpointInput struct {
	Caller caller.Caller
	ID     string
}

// GetWebhookEndpoint returns one endpoint.
type GetWebhookEndpoint struct {
	endpoints webhook.Endpoints
}

// NewGetWebhookEndpoint returns the GetWebhookEndpoint use case.
func NewGetWebhookEndpoint(endpoints webhook.Endpoints) *GetWebhookEndpoint {
	return &GetWebhookEndpoint{endpoints: endpoints}
}

// Handle answers the query.
func (h *GetWebhookEndpoint) Handle(ctx context.Context, in GetWebhookEndpointInput) (webhook.Endpoint, error) {
	if err := adminOnly(in.Caller); err != nil {
		return webhook.Endpoint{}, err
	}
	return h.endpoints.Endpoint(ctx, in.ID)
}
