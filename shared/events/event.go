package events

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Event is one domain event as it travels: CloudEvents 1.0 attributes (sent as
// Kafka headers in binary mode) plus JSON data, and the Kafka topic and key it
// goes to. Services build events with New and hand them to their outbox in the
// same transaction (or document write) as the change they describe.
type Event struct {
	// ID is the CloudEvents id (ce_id), a UUIDv7; consumers deduplicate by it.
	ID string
	// Type is the CloudEvents type, e.g. "lms.course.enrollment.activated.v1".
	Type string
	// Source is the producing context, e.g. "lms/course" (ce_source).
	Source string
	// Subject names the aggregate the event is about (ce_subject).
	Subject string
	// Time is when the change happened, in UTC (ce_time).
	Time time.Time
	// Topic is the Kafka topic, one per producing context.
	Topic string
	// Key is the Kafka key: the aggregate id, so one aggregate's events stay ordered.
	Key string
	// Data is the JSON payload, one of the types of this package.
	Data json.RawMessage
	// TraceParent is the W3C traceparent of the request that caused the
	// event (CloudEvents distributed-tracing extension, ce_traceparent), so
	// its consumers continue that trace; empty when it was not traced. The
	// outbox fills it from the context of the transaction that appends it.
	TraceParent string
}

// New builds an event with a fresh UUIDv7 id, marshalling data to JSON.
func New(topic, typ, source, key, subject string, data any, at time.Time) (Event, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Event{}, fmt.Errorf("event id: %w", err)
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return Event{}, fmt.Errorf("marshal %s data: %w", typ, err)
	}
	return Event{
		ID: id.String(), Type: typ, Source: source, Subject: subject,
		Time: at.UTC(), Topic: topic, Key: key, Data: raw,
	}, nil
}
