package webhook

import (
	"encoding/json"
	"time"
)

// Event is a domain event as a topic carries it (CloudEvents attributes
// and JSON data).
type Event struct {
	ID, Type, Source, Subject string
	Time                      time.Time
	Topic, Key                string
	Data                      json.RawMessage
}

// OrderingKey is what keeps deliveries in order: an endpoint gets the
// events of one subject (an enrollment, an attempt, a user) one after
// another; the Kafka key when the event names no subject.
func (e Event) OrderingKey() string {
	if e.Subject != "" {
		return e.Subject
	}
	return e.Topic + "/" + e.Key
}

// Payload is the body of a delivery: the event in CloudEvents 1.0
// structured JSON, the attributes the topic carries in its headers beside
// the data as published.
func (e Event) Payload() ([]byte, error) {
	return json.Marshal(struct {
		SpecVersion     string          `json:"specversion"`
		ID              string          `json:"id"`
		Type            string          `json:"type"`
		Source          string          `json:"source"`
		Subject         string          `json:"subject,omitempty"`
		Time            string          `json:"time"`
		DataContentType string          `json:"datacontenttype"`
		Data            json.RawMessage `json:"data"`
	}{"1.0", e.ID, e.Type, e.Source, e.Subject, e.Time.UTC().Format(time.RFC3339Nano), "application/json", e.Data})
}

// Status is where a delivery stands.
type Status string

// The statuses of a delivery.
const (
	// StatusPending: not yet acknowledged; due at NextAttemptAt.
	StatusPending Status = "pending"
	// StatusDelivered: the endpoint answered 2xx.
	StatusDelivered Status = "delivered"
	// StatusFailed: given up after its retry window; an administrator may
	// deliver it again.
	StatusFailed Status = "failed"
)

// Delivery is one event on its way to one endpoint, as the log shows it.
type Delivery struct {
	ID            int64
	EndpointID    string
	EventID       string
	EventType     string
	Status        Status
	Attempts      int
	LastError     string
	LastCode      int
	NextAttemptAt *time.Time
	CreatedAt     time.Time
	DeliveredAt   *time.Time
	// ReplayID names the replay that queued it; empty for a live delivery.
	ReplayID string
}

// Attempt is a claimed delivery with what sending it needs.
type Attempt struct {
	Delivery
	URL     string
	Secret  Secret
	Payload []byte
	// GiveUpAt ends its retry window.
	GiveUpAt time.Time
}

// Result is what one try of a delivery got.
type Result struct {
	// Code is the HTTP status the endpoint answered (0: no answer).
	Code int
	// Err says why the try failed; empty on a 2xx answer.
	Err string
}

// OK reports whether the endpoint acknowledged the delivery.
func (r Result) OK() bool { return r.Code >= 200 && r.Code < 300 }
