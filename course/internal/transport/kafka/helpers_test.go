package kafka_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// bench is a test's own course database and Kafka topic (with its
// dead-letter topic) on the local stack.
type bench struct {
	db    *bun.DB
	k     *testkit.Kafka
	topic string
	cfg   kafka.Config
	log   *slog.Logger
}

// newBench migrates a database of the test's own and makes the topic name
// with partitions.
func newBench(t *testing.T, name string, partitions int) bench {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	k := testkit.NewKafka(t)
	topic := k.Topic(t, name, partitions)
	k.Topic(t, name+events.DeadLetterSuffix, 1)
	return bench{db: db, k: k, topic: topic, cfg: kafka.Config{Brokers: k.Brokers, ClientID: "course-test"}, log: slog.New(slog.DiscardHandler)}
}

// run runs the consumer until the test ends, and fails the test if it
// stopped with an error.
func run(t *testing.T, consumer *kafka.Consumer) {
	t.Helper()
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		require.NoError(t, <-done)
	})
}

// producer returns a producer on the bench's broker, closed with the test.
func (b bench) producer(t *testing.T) *kafka.Producer {
	t.Helper()
	p, err := kafka.NewProducer(b.cfg, b.log)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// gradebookCommands are the use cases the gradebook consumer runs, over db,
// with no final grade to follow the gradebook.
func gradebookCommands(db *bun.DB) app.Commands {
	return app.New(app.Deps{Gradebook: postgres.NewGradebook(db), Tests: postgres.NewTestCatalog(db)}, nil).Commands
}
