package query

import (
	"context"
	"strconv"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
	"lms/shared/errs"
)

// DeliveryPage is one page of a delivery log, newest first.
type DeliveryPage struct {
	Deliveries    []webhook.Delivery
	NextPageToken string
}

// ListWebhookDeliveriesInput asks for one page of an endpoint's deliveries.
type ListWebhookDeliveriesInput struct {
	Caller    caller.Caller
	Endpoint  string
	PageSize  int
	PageToken string
}

// ListWebhookDeliveries returns one page of the endpoint's delivery log.
type ListWebhookDeliveries struct {
	endpoints webhook.Endpoints
	queue     webhook.Queue
}

// NewListWebhookDeliveries returns the ListWebhookDeliveries use case.
func NewListWebhookDeliveries(endpoints webhook.Endpoints, queue webhook.Queue) *ListWebhookDeliveries {
	return &ListWebhookDeliveries{endpoints: endpoints, queue: queue}
}

// Handle answers the query.
func (h *ListWebhookDeliveries) Handle(ctx context.Context, in ListWebhookDeliveriesInput) (DeliveryPage, error) {
	if err := adminOnly(in.Caller); err != nil {
		return DeliveryPage{}, err
	}
	if in.PageSize == 0 {
		in.PageSize = 50
	}
	if in.PageSize < 1 || in.PageSize > 200 {
		return DeliveryPage{}, errs.Invalid("page_size", "the page size is 1 to 200")
	}
	var before int64
	if in.PageToken != "" {
		n, err := strconv.ParseInt(in.PageToken, 10, 64)
		if err != nil || n < 1 {
			return DeliveryPage{}, errs.Invalid("page_token", "the page token is one a previous page gave")
		}
		before = n
	}
	if _, err := h.endpoints.Endpoint(ctx, in.Endpoint); err != nil {
		return DeliveryPage{}, err
	}
	list, err := h.queue.Deliveries(ctx, in.Endpoint, before, in.PageSize+1)
	if err != nil {
		return DeliveryPage{}, err
	}
	page := DeliveryPage{Deliveries: list}
	if len(list) > in.PageSize {
		page.Deliveries = list[:in.PageSize]
		page.NextPageToken = strconv.FormatInt(list[in.PageSize-1].ID, 10)
	}
	return page, nil
}
