package app

import (
	"log/slog"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/webhook"
	"lms/shared/usecase"
)

// Webhooks are the use cases of the webhook context: endpoints, their
// deliveries and replays, for administrators.
type Webhooks struct {
	RegisterWebhook     usecase.Handler[command.RegisterWebhookInput, webhook.Endpoint]
	RotateWebhookSecret usecase.Handler[command.RotateWebhookSecretInput, webhook.Endpoint]
	SetWebhookEnabled   usecase.Handler[command.SetWebhookEnabledInput, webhook.Endpoint]
	DeleteWebhook       usecase.Command[command.DeleteWebhookInput]
	// FanOutWebhookEvent queues a domain event for the endpoints that want it.
	FanOutWebhookEvent usecase.Command[command.FanOutWebhookEventInput]
	RedeliverWebhook   usecase.Handler[command.RedeliverWebhookInput, webhook.Delivery]
	ReplayWebhook      usecase.Handler[command.ReplayWebhookInput, command.Replayed]
	// ReplayConsumerGroup moves a named consumer group back to a time.
	ReplayConsumerGroup usecase.Handler[command.ReplayConsumerGroupInput, []webhook.GroupOffset]
	// DispatchWebhook sends one claimed delivery (the dispatcher's work).
	DispatchWebhook usecase.Command[command.DispatchWebhookInput]

	ListWebhookEndpoints  usecase.Handler[query.ListWebhookEndpointsInput, []webhook.Endpoint]
	GetWebhookEndpoint    usecase.Handler[query.GetWebhookEndpointInput, webhook.Endpoint]
	ListWebhookDeliveries usecase.Handler[query.ListWebhookDeliveriesInput, query.DeliveryPage]
}

// WebhookDeps are the ports and settings of the webhook context.
type WebhookDeps struct {
	Endpoints webhook.Endpoints
	Queue     webhook.Queue
	// Log reads past events for replays; Groups moves consumer groups.
	Log    command.EventLog
	Groups command.ConsumerGroups
	// Topics are the topics replays may read; ReplayGroups the consumer
	// groups an administrator may replay to.
	Topics       []string
	ReplayGroups []string
	// Keys draws secrets; EventTypes are the types an endpoint may name;
	// URLPolicy the URLs it may have.
	Keys       command.SecretKeys
	EventTypes []string
	URLPolicy  webhook.URLPolicy
	// Wake (may be nil) tells the dispatcher that deliveries are due.
	Wake func()
	// Sender posts deliveries, Backoff spaces a failing one's tries and
	// DeliveryLog hears of the failures.
	Sender      command.WebhookSender
	Backoff     webhook.Backoff
	DeliveryLog *slog.Logger
	Clock       command.Clock
	IDs         command.IDs
}

// NewWebhooks builds the webhook context's use cases over d, each observed
// by o (nil: none is).
func NewWebhooks(d WebhookDeps, o *usecase.Observer) Webhooks {
	return Webhooks{
		RegisterWebhook: usecase.Observe(o, "register_webhook",
			command.NewRegisterWebhook(d.Endpoints, d.Clock, d.IDs, d.Keys, d.EventTypes, d.URLPolicy)),
		RotateWebhookSecret: usecase.Observe(o, "rotate_webhook_secret", command.NewRotateWebhookSecret(d.Endpoints, d.Clock, d.Keys)),
		SetWebhookEnabled:   usecase.Observe(o, "set_webhook_enabled", command.NewSetWebhookEnabled(d.Endpoints, d.Clock)),
		DeleteWebhook:       usecase.ObserveCommand(o, "delete_webhook", command.NewDeleteWebhook(d.Endpoints)),
		FanOutWebhookEvent:  usecase.ObserveCommand(o, "fan_out_webhook_event", command.NewFanOutWebhookEvent(d.Queue, d.Clock, d.Wake)),
		RedeliverWebhook:    usecase.Observe(o, "redeliver_webhook", command.NewRedeliverWebhook(d.Queue, d.Clock, d.Wake)),
		ReplayWebhook: usecase.Observe(o, "replay_webhook",
			command.NewReplayWebhook(d.Endpoints, d.Queue, d.Log, d.Topics, d.Clock, d.IDs, d.Wake)),
		ReplayConsumerGroup: usecase.Observe(o, "replay_consumer_group",
			command.NewReplayConsumerGroup(d.Groups, d.ReplayGroups, d.Topics, d.Clock)),
		DispatchWebhook: usecase.ObserveCommand(o, "dispatch_webhook",
			command.NewDispatchWebhook(d.Queue, d.Sender, d.Clock, d.DeliveryLog, d.Backoff)),
		ListWebhookEndpoints:  usecase.Observe(o, "list_webhook_endpoints", query.NewListWebhookEndpoints(d.Endpoints)),
		GetWebhookEndpoint:    usecase.Observe(o, "get_webhook_endpoint", query.NewGetWebhookEndpoint(d.Endpoints)),
		ListWebhookDeliveries: usecase.Observe(o, "list_webhook_deliveries", query.NewListWebhookDeliveries(d.Endpoints, d.Queue)),
	}
}
