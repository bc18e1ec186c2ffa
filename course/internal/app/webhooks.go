package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// Webhooks are the use cases of the webhook context: endpoints, their
// deliveries and replays, for administrators.
type Webhooks struct {
	Endpoints command.WebhookEndpointsHandler
	// FanOut queues a domain event for the endpoints that want it.
	FanOut    command.WebhookFanOutHandler
	Redeliver command.WebhookRedeliverHandler
	Replay    command.WebhookReplayHandler
	// ReplayGroup moves a named consumer group back to a time.
	ReplayGroup command.WebhookReplayGroupHandler
	Read        query.WebhooksHandler
}
