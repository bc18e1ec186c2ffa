package testkit

import (
	"context"
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	lmskafka "lms/shared/kafka"
)

// Kafka is a test's view of the stack's broker: its address and a prefix that
// keeps the test's topics and consumer groups apart from every other test's.
type Kafka struct {
	Brokers string
	Prefix  string
	admin   *kafka.AdminClient
}

// NewKafka checks the broker answers and returns a Kafka with a fresh prefix;
// topics made with Topic are deleted when the test ends.
func NewKafka(t testing.TB) *Kafka {
	t.Helper()
	brokers := Addresses().KafkaBrokers
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := lmskafka.Ping(ctx, brokers); err != nil {
		fail(t, "kafka", brokers, err)
	}
	admin, err := kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": brokers, "log_level": 3})
	if err != nil {
		fail(t, "kafka", brokers, err)
	}
	k := &Kafka{Brokers: brokers, Prefix: UniqueName(testName(t)), admin: admin}
	t.Cleanup(admin.Close)
	return k
}

// Topic creates the topic prefix.name with the given partitions and returns its
// full name; it is deleted when the test ends.
func (k *Kafka) Topic(t testing.TB, name string, partitions int) string {
	t.Helper()
	full := k.Prefix + "." + name
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	res, err := k.admin.CreateTopics(ctx, []kafka.TopicSpecification{{Topic: full, NumPartitions: partitions, ReplicationFactor: 1}},
		kafka.SetAdminOperationTimeout(10*time.Second))
	if err != nil {
		t.Fatalf("create topic %s: %v", full, err)
	}
	if code := res[0].Error.Code(); code != kafka.ErrNoError && code != kafka.ErrTopicAlreadyExists {
		t.Fatalf("create topic %s: %v", full, res[0].Error)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_, _ = k.admin.DeleteTopics(ctx, []string{full})
	})
	return full
}

// Group returns a consumer group id unique to this test.
func (k *Kafka) Group(name string) string { return k.Prefix + "." + name }
