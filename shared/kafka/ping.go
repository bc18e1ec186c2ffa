package kafka

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// Ping asks the brokers for cluster metadata, for readiness checks.
func Ping(ctx context.Context, brokers string) error {
	admin, err := kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": brokers, "log_level": 3})
	if err != nil {
		return fmt.Errorf("kafka: %w", err)
	}
	defer admin.Close()
	timeout := 2 * time.Second
	if d, ok := ctx.Deadline(); ok {
		timeout = time.Until(d)
	}
	md, err := admin.GetMetadata(nil, false, int(timeout.Milliseconds()))
	if err != nil {
		return fmt.Errorf("kafka metadata: %w", err)
	}
	if len(md.Brokers) == 0 {
		return errors.New("kafka: no brokers")
	}
	return nil
}
