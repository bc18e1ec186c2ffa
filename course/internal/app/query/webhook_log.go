package query

import (
	"context"
	"strconv"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
	"lms/shared/errs"
)

// WebhooksHandler reads the webhook endpoints and their delivery logs;
// only administrators may.
type WebhooksHandler struct {
	endpoints webhook.Endpoints
	queue     webhook.Queue
}

// NewWebhooksHandler returns the handler over the stores.
func NewWebhooksHandler(endpoints webhook.Endpoints, queue webhook.Queue) WebhooksHandler {
	return WebhooksHandler{endpoints: endpoints, queue: queue}
}

func adminOnly(c course.Caller) error {
	if !c.Is(course.RoleAdmin) {
		return webhook.ErrAdminOnly
	}
	return nil
}

// Endpoints lists every endpoint, oldest first (their secrets stay out of
// the answer, see the transport).
func (h WebhooksHandler) Endpoints(ctx context.Context, caller course.Caller) ([]webhook.Endpoint, error) {
	if err := adminOnly(caller); err != nil {
		return nil, err
	}
	return h.endpoints.ListEndpoints(ctx)
}

// Endpoint returns one endpoint.
func (h WebhooksHandler) Endpoint(ctx context.Context, caller course.Caller, id string) (webhook.Endpoint, error) {
	if err := adminOnly(caller); err != nil {
		return webhook.Endpoint{}, err
	}
	return h.endpoints.Endpoint(ctx, id)
}

// DeliveryLog asks for one page of an endpoint's deliveries.
type DeliveryLog struct {
	Caller    course.Caller
	Endpoint  string
	PageSize  int
	PageToken string
}

// DeliveryPage is one page of a delivery log, newest first.
type DeliveryPage struct {
	Deliveries    []webhook.Delivery
	NextPageToken string
}

// Deliveries returns one page of the endpoint's delivery log.
func (h WebhooksHandler) Deliveries(ctx context.Context, q DeliveryLog) (DeliveryPage, error) {
	if err := adminOnly(q.Caller); err != nil {
		return DeliveryPage{}, err
	}
	if q.PageSize == 0 {
		q.PageSize = 50
	}
	if q.PageSize < 1 || q.PageSize > 200 {
		return DeliveryPage{}, errs.Invalid("page_size", "the page size is 1 to 200")
	}
	var before int64
	if q.PageToken != "" {
		n, err := strconv.ParseInt(q.PageToken, 10, 64)
		if err != nil || n < 1 {
			return DeliveryPage{}, errs.Invalid("page_token", "the page token is one a previous page gave")
		}
		before = n
	}
	if _, err := h.endpoints.Endpoint(ctx, q.Endpoint); err != nil {
		return DeliveryPage{}, err
	}
	list, err := h.queue.Deliveries(ctx, q.Endpoint, before, q.PageSize+1)
	if err != nil {
		return DeliveryPage{}, err
	}
	page := DeliveryPage{Deliveries: list}
	if len(list) > q.PageSize {
		page.Deliveries = list[:q.PageSize]
		page.NextPageToken = strconv.FormatInt(list[q.PageSize-1].ID, 10)
	}
	return page, nil
}
