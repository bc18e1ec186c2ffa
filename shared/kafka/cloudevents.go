package kafka

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/shared/events"
)

// CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes travel as
// headers prefixed with "ce_", the data is the message value.
const (
	HeaderSpecVersion = "ce_specversion"
	HeaderID          = "ce_id"
	HeaderType        = "ce_type"
	HeaderSource      = "ce_source"
	HeaderTime        = "ce_time"
	HeaderSubject     = "ce_subject"
	// HeaderTraceParent is the CloudEvents distributed-tracing extension's
	// traceparent (W3C Trace Context) in binary mode.
	HeaderTraceParent = "ce_traceparent"
	HeaderContentType = "content-type"

	specVersion = "1.0"
	contentType = "application/json"
)

// Message encodes an event as a Kafka message in CloudEvents binary mode, keyed
// by the event's key.
func Message(ev events.Event) *kafka.Message {
	topic := ev.Topic
	headers := []kafka.Header{
		{Key: HeaderSpecVersion, Value: []byte(specVersion)},
		{Key: HeaderID, Value: []byte(ev.ID)},
		{Key: HeaderType, Value: []byte(ev.Type)},
		{Key: HeaderSource, Value: []byte(ev.Source)},
		{Key: HeaderTime, Value: []byte(ev.Time.UTC().Format(time.RFC3339Nano))},
	}
	if ev.Subject != "" {
		headers = append(headers, kafka.Header{Key: HeaderSubject, Value: []byte(ev.Subject)})
	}
	if ev.TraceParent != "" {
		headers = append(headers, kafka.Header{Key: HeaderTraceParent, Value: []byte(ev.TraceParent)})
	}
	headers = append(headers, kafka.Header{Key: HeaderContentType, Value: []byte(contentType)})
	return &kafka.Message{
		TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
		Key:            []byte(ev.Key),
		Value:          ev.Data,
		Headers:        headers,
	}
}

// DecodeError says why a message is not an LMS event; Reason is the value of
// the dlq_reason header of its dead letter.
type DecodeError struct {
	Reason string
	Detail string
}

// Error returns the reason and the detail.
func (e *DecodeError) Error() string { return e.Reason + ": " + e.Detail }

// Reasons a message goes to a dead-letter topic.
const (
	ReasonInvalidCloudEvent = "invalid-cloudevent"
	ReasonInvalidData       = "invalid-data"
	ReasonPermanent         = "handler-rejected"
)

// Decode reads an event from a message in CloudEvents binary mode. It fails
// with a *DecodeError when a required attribute (specversion 1.0, id, type,
// source, time) is missing or invalid, or when the data is not JSON.
func Decode(msg *kafka.Message) (events.Event, error) {
	h := make(map[string]string, len(msg.Headers))
	for _, kv := range msg.Headers {
		// The first occurrence wins: a header added downstream never overrides
		// what the producer set.
		if _, seen := h[kv.Key]; !seen {
			h[kv.Key] = string(kv.Value)
		}
	}
	invalid := func(format string, args ...any) (events.Event, error) {
		return events.Event{}, &DecodeError{Reason: ReasonInvalidCloudEvent, Detail: fmt.Sprintf(format, args...)}
	}
	if v, ok := h[HeaderSpecVersion]; !ok {
		return invalid("no %s header", HeaderSpecVersion)
	} else if v != specVersion {
		return invalid("%s is %q, want %q", HeaderSpecVersion, v, specVersion)
	}
	for _, k := range []string{HeaderID, HeaderType, HeaderSource, HeaderTime} {
		if h[k] == "" {
			return invalid("no %s header", k)
		}
	}
	at, err := time.Parse(time.RFC3339Nano, h[HeaderTime])
	if err != nil {
		return invalid("%s %q is not an RFC 3339 time", HeaderTime, h[HeaderTime])
	}
	if ct, ok := h[HeaderContentType]; ok && ct != contentType {
		return invalid("%s is %q, want %q", HeaderContentType, ct, contentType)
	}
	if !json.Valid(msg.Value) {
		return events.Event{}, &DecodeError{Reason: ReasonInvalidData, Detail: "data is not valid JSON"}
	}
	var topic string
	if msg.TopicPartition.Topic != nil {
		topic = *msg.TopicPartition.Topic
	}
	return events.Event{
		ID: h[HeaderID], Type: h[HeaderType], Source: h[HeaderSource], Subject: h[HeaderSubject],
		Time: at.UTC(), Topic: topic, Key: string(msg.Key), Data: json.RawMessage(msg.Value),
		TraceParent: h[HeaderTraceParent],
	}, nil
}
