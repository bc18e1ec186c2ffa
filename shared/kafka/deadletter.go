package kafka

import (
	"errors"
	"strconv"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/shared/events"
)

// Headers a dead letter carries besides the original message's own.
const (
	HeaderDLQReason    = "dlq_reason"
	HeaderDLQError     = "dlq_error"
	HeaderDLQTopic     = "dlq_topic"
	HeaderDLQPartition = "dlq_partition"
	HeaderDLQOffset    = "dlq_offset"
	HeaderDLQGroup     = "dlq_group"
)

// permanentError marks a handler error that retrying cannot fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as permanent: the consumer stops retrying the message,
// puts it in the dead-letter topic and goes on with the next one. Use it for
// an event the handler can never apply (for example data that breaks the
// contract), never for an outage.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err: err}
}

// IsPermanent reports whether err, or an error it wraps, was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// deadLetter builds the dead letter of msg: same key, value and headers, plus
// headers naming why it failed, where it came from and which group gave up.
func deadLetter(msg *kafka.Message, group, reason string, cause error) *kafka.Message {
	topic := topicOf(msg)
	dlq := events.DeadLetter(topic)
	headers := make([]kafka.Header, 0, len(msg.Headers)+6)
	headers = append(headers, msg.Headers...)
	headers = append(headers,
		kafka.Header{Key: HeaderDLQReason, Value: []byte(reason)},
		kafka.Header{Key: HeaderDLQError, Value: []byte(cause.Error())},
		kafka.Header{Key: HeaderDLQTopic, Value: []byte(topic)},
		kafka.Header{Key: HeaderDLQPartition, Value: []byte(strconv.Itoa(int(msg.TopicPartition.Partition)))},
		kafka.Header{Key: HeaderDLQOffset, Value: []byte(strconv.FormatInt(int64(msg.TopicPartition.Offset), 10))},
		kafka.Header{Key: HeaderDLQGroup, Value: []byte(group)},
	)
	return &kafka.Message{
		TopicPartition: kafka.TopicPartition{Topic: &dlq, Partition: kafka.PartitionAny},
		Key:            msg.Key,
		Value:          msg.Value,
		Headers:        headers,
	}
}
