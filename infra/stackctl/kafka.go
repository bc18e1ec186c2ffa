package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/shared/events"
)

func adminClient(brokers string) (*kafka.AdminClient, error) {
	return kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": brokers, "log_level": 3})
}

// checkKafka asks the broker for cluster metadata.
func checkKafka(ctx context.Context, brokers string) error {
	admin, err := adminClient(brokers)
	if err != nil {
		return err
	}
	defer admin.Close()
	md, err := admin.GetMetadata(nil, true, timeoutMillis(ctx, 5*time.Second))
	if err != nil {
		return fmt.Errorf("kafka metadata from %s: %w", brokers, err)
	}
	if len(md.Brokers) == 0 {
		return errors.New("kafka answered with no brokers")
	}
	return nil
}

// createTopics creates every domain topic and its dead-letter topic; topics
// that exist already are left as they are.
func createTopics(ctx context.Context, brokers string) error {
	admin, err := adminClient(brokers)
	if err != nil {
		return err
	}
	defer admin.Close()
	var specs []kafka.TopicSpecification
	for _, t := range events.Topics() {
		for _, name := range []string{t, events.DeadLetter(t)} {
			specs = append(specs, kafka.TopicSpecification{
				Topic: name, NumPartitions: events.Partitions, ReplicationFactor: 1,
				Config: map[string]string{"min.insync.replicas": "1"},
			})
		}
	}
	results, err := admin.CreateTopics(ctx, specs, kafka.SetAdminOperationTimeout(10*time.Second))
	if err != nil {
		return fmt.Errorf("create topics: %w", err)
	}
	for _, r := range results {
		switch r.Error.Code() {
		case kafka.ErrNoError:
			fmt.Println("created topic", r.Topic)
		case kafka.ErrTopicAlreadyExists:
			fmt.Println("topic exists", r.Topic)
		default:
			return fmt.Errorf("create topic %s: %w", r.Topic, r.Error)
		}
	}
	return nil
}

func timeoutMillis(ctx context.Context, fallback time.Duration) int {
	if d, ok := ctx.Deadline(); ok {
		return int(time.Until(d).Milliseconds())
	}
	return int(fallback.Milliseconds())
}
