package kafka

import (
	"context"
	"log/slog"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// forwardLogs writes librdkafka's log lines to log until the client closes its
// log channel.
func forwardLogs(log *slog.Logger, logs <-chan kafka.LogEvent) {
	for e := range logs {
		log.Log(context.Background(), slogLevel(e.Level), e.Message, "kafka_client", e.Name, "kafka_tag", e.Tag)
	}
}

// slogLevel maps a syslog level (librdkafka's) to a slog level.
func slogLevel(syslog int) slog.Level {
	switch {
	case syslog <= 3:
		return slog.LevelError
	case syslog == 4:
		return slog.LevelWarn
	case syslog <= 6:
		return slog.LevelInfo
	default:
		return slog.LevelDebug
	}
}

// forwardErrors logs the client-level errors librdkafka reports outside of
// delivery reports (broker down, all brokers down, fatal idempotence errors).
func forwardErrors(log *slog.Logger, evs <-chan kafka.Event) {
	for e := range evs {
		if err, ok := e.(kafka.Error); ok {
			level := slog.LevelWarn
			if err.IsFatal() {
				level = slog.LevelError
			}
			log.Log(context.Background(), level, "kafka client error", "error", err.Error(), "fatal", err.IsFatal())
		}
	}
}
