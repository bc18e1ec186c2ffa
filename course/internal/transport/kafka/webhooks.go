package kafka

import (
	"context"
	"log/slog"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// WebhooksGroup is the consumer group that queues webhook deliveries.
const WebhooksGroup = "course.webhooks"

// Webhooks queues every domain event for the endpoints that want it. The
// event goes out as the topic carries it: any type, read or not by the
// course service itself.
func Webhooks(h usecase.Command[command.FanOutWebhookEventInput]) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		return h.Handle(ctx, command.FanOutWebhookEventInput{Event: webhook.Event{ID: ev.ID, Type: ev.Type, Source: ev.Source,
			Subject: ev.Subject, Time: ev.Time, Topic: ev.Topic, Key: ev.Key, Data: ev.Data}})
	}
}

// NewWebhooksConsumer returns the consumer of topics (the LMS's three in
// production) in group that queues webhook deliveries; run it with Run.
func NewWebhooksConsumer(cfg kafka.Config, topics []string, group string, h usecase.Command[command.FanOutWebhookEventInput], log *slog.Logger) (*kafka.Consumer, error) {
	return kafka.NewConsumer(cfg, kafka.ConsumerOptions{Group: group, Topics: topics}, Webhooks(h), log)
}
