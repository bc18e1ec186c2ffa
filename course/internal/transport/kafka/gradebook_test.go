package kafka_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app/query"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
)

// TestGradebookConsumer_AppliesEachGradedAttemptOnce publishes assessment's
// events, one of them twice, to a real broker and checks the gradebook.
func TestGradebookConsumer_AppliesEachGradedAttemptOnce(t *testing.T) {
	t.Parallel()
	b := newBench(t, "assessment", 3)
	db, topic := b.db, b.topic
	consumer, err := coursekafka.NewGradebookConsumer(b.cfg, topic, b.k.Group("gradebook"), gradebookCommands(db), b.log)
	require.NoError(t, err)
	run(t, consumer)

	at := time.Date(2026, 9, 10, 10, 0, 0, 0, time.UTC)
	graded := func(key, attempt string, score float64, at time.Time) events.Event {
		ev, err := events.New(topic, events.TypeAttemptGraded, events.SourceAssessment, key, "attempt/"+attempt, events.AttemptGraded{
			AttemptID: attempt, TestID: "quiz-1", CourseID: "course-1", StudentID: "alice", Score: score, Maximum: 10, Passed: score >= 5, GradedAt: at,
		}, at)
		require.NoError(t, err)
		return ev
	}
	first, second := graded("att-1", "att-1", 4, at), graded("att-2", "att-2", 9, at.Add(time.Hour))
	started, err := events.New(topic, events.TypeAttemptStarted, events.SourceAssessment, "att-3", "attempt/att-3",
		events.AttemptStarted{AttemptID: "att-3", TestID: "quiz-1", CourseID: "course-1", StudentID: "alice", StartedAt: at}, at)
	require.NoError(t, err)

	producer := b.producer(t)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{first, started, second, first}))

	read := postgres.NewReadModel(db)
	want := []query.Grade{{CourseID: "course-1", StudentID: "alice", TestID: "quiz-1", Attempts: 2,
		Best: query.Result{Points: 9, Maximum: 10, Passed: true}, Latest: query.Result{Points: 9, Maximum: 10, Passed: true},
		LatestAttemptID: "att-2", LatestGradedAt: at.Add(time.Hour)}}
	require.Eventually(t, func() bool {
		got, err := read.Grades(t.Context(), "course-1", "", false)
		return err == nil && len(got) == 1 && got[0].Attempts == 2
	}, 30*time.Second, 50*time.Millisecond)
	// Redeliver the first event again, then a marker on the same partition:
	// once the marker's effect shows, the redelivery has been handled.
	marker := graded(first.Key, "att-9", 1, at.Add(-time.Hour))
	require.NoError(t, producer.Publish(t.Context(), []events.Event{first, marker}))
	require.Eventually(t, func() bool {
		got, err := read.Grades(t.Context(), "course-1", "", false)
		return err == nil && len(got) == 1 && got[0].Attempts == 3
	}, 30*time.Second, 50*time.Millisecond)
	got, err := read.Grades(t.Context(), "course-1", "", false)
	require.NoError(t, err)
	want[0].Attempts = 3
	require.Equal(t, want, got)
}
