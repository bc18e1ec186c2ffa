package kafka_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
)

// TestGradebookConsumer_WithdrawsUnpublishedAndDeletedTests publishes
// assessment's test events to a real broker, one twice: an unpublished
// test is withdrawn until it is published again, a deleted one stays
// withdrawn.
func TestGradebookConsumer_WithdrawsUnpublishedAndDeletedTests(t *testing.T) {
	t.Parallel()
	b := newBench(t, "assessment", 3)
	consumer, err := coursekafka.NewGradebookConsumer(b.cfg, b.topic, b.k.Group("gradebook"), gradebookCommands(b.db), b.log)
	require.NoError(t, err)
	run(t, consumer)
	at := time.Date(2030, 5, 1, 9, 0, 0, 0, time.UTC)
	event := func(typ, testID string, data any) events.Event {
		ev, err := events.New(b.topic, typ, events.SourceAssessment, testID, "tests/"+testID, data, at)
		require.NoError(t, err)
		return ev
	}
	unpublished := event(events.TypeTestUnpublished, "quiz", events.TestUnpublished{TestID: "quiz", CourseID: "c1", UnpublishedAt: at})
	deleted := event(events.TypeTestDeleted, "draft", events.TestDeleted{TestID: "draft", CourseID: "c1", DeletedAt: at})
	require.NoError(t, b.producer(t).Publish(t.Context(), []events.Event{unpublished, deleted, unpublished}))

	read := postgres.NewReadModel(b.db)
	withdrawn := func() []string {
		ids, err := read.WithdrawnTests(t.Context(), "c1")
		require.NoError(t, err)
		return ids
	}
	require.Eventually(t, func() bool { return len(withdrawn()) == 2 }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []string{"draft", "quiz"}, withdrawn())

	// Published again, the quiz counts again; the withdrawal redelivered
	// after it is not applied twice. A marker on the quiz's partition shows
	// when both were handled.
	republished := event(events.TypeTestPublished, "quiz", events.TestPublished{TestID: "quiz", CourseID: "c1", PublishedAt: at})
	marker := event(events.TypeTestDeleted, "quiz", events.TestDeleted{TestID: "marker", CourseID: "c1", DeletedAt: at})
	require.NoError(t, b.producer(t).Publish(t.Context(), []events.Event{republished, unpublished, marker}))
	require.Eventually(t, func() bool { return slices.Contains(withdrawn(), "marker") }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []string{"draft", "marker"}, withdrawn())
}
