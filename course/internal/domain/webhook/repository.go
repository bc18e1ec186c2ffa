package webhook

import (
	"context"
	"time"
)

// Endpoints stores the registered endpoints.
type Endpoints interface {
	AddEndpoint(ctx context.Context, e Endpoint) error
	Endpoint(ctx context.Context, id string) (Endpoint, error)
	ListEndpoints(ctx context.Context) ([]Endpoint, error)
	// UpdateEndpoint loads the endpoint, lets fn change it and saves it.
	UpdateEndpoint(ctx context.Context, id string, fn func(*Endpoint) error) (Endpoint, error)
	// DeleteEndpoint removes the endpoint and its deliveries.
	DeleteEndpoint(ctx context.Context, id string) error
}

// Queue holds the deliveries: the pending ones are the truth of what an
// endpoint has not acknowledged, across restarts.
type Queue interface {
	// Fan queues ev to every endpoint that wants it; an event queued before
	// changes nothing. It returns how many deliveries it added.
	Fan(ctx context.Context, ev Event, payload []byte, now time.Time) (int, error)
	// Replay queues evs to one endpoint under replayID, each due now.
	Replay(ctx context.Context, endpointID, replayID string, evs []Event, payloads [][]byte, now time.Time) (int, error)
	// Claim leases up to limit due deliveries, each the earliest pending one
	// of its endpoint and subject, at most perEndpoint in flight per
	// endpoint; their attempts count this one.
	Claim(ctx context.Context, limit, perEndpoint int, lease time.Duration) ([]Attempt, error)
	// Delivered, PutOff and GiveUp record a try's result.
	Delivered(ctx context.Context, id int64, r Result, at time.Time) error
	PutOff(ctx context.Context, id int64, r Result, until time.Time) error
	GiveUp(ctx context.Context, id int64, r Result, at time.Time) error
	// Deliveries lists an endpoint's deliveries, newest first, before the
	// id before (0: from the newest).
	Deliveries(ctx context.Context, endpointID string, before int64, limit int) ([]Delivery, error)
	// Redeliver makes a delivery of the endpoint pending again, due now,
	// with a new retry window ending at giveUpAt.
	Redeliver(ctx context.Context, endpointID string, id int64, now, giveUpAt time.Time) (Delivery, error)
}
