// Package kafka is the LMS's Kafka kit over confluent-kafka-go: an idempotent
// producer, a consumer that stores offsets only after its handler succeeded,
// CloudEvents 1.0 binary-mode headers, and dead-letter topics for messages that
// cannot be decoded.
package kafka
