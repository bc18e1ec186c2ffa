package kafka_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
)

// TestGradebookConsumer_HoldsGradesFromTheStudentUntilReleased publishes a
// held grade, a regrade and then its release to a real broker: the teacher's
// gradebook has the grade at once, the student's view only after the release,
// and a regrade after the release stays visible to her.
func TestGradebookConsumer_HoldsGradesFromTheStudentUntilReleased(t *testing.T) {
	t.Parallel()
	b := newBench(t, "assessment", 3)
	db, topic := b.db, b.topic
	consumer, err := coursekafka.NewGradebookConsumer(b.cfg, topic, b.k.Group("gradebook"), gradebookCommands(db), b.log)
	require.NoError(t, err)
	run(t, consumer)
	producer := b.producer(t)

	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Millisecond)
	publish := func(typ string, data any, when time.Time) {
		t.Helper()
		ev, err := events.New(topic, typ, events.SourceAssessment, "att-1", "attempts/att-1", data, when)
		require.NoError(t, err)
		require.NoError(t, producer.Publish(t.Context(), []events.Event{ev}))
	}
	graded := func(score float64, when time.Time, released *time.Time) events.AttemptGraded {
		return events.AttemptGraded{AttemptID: "att-1", TestID: "quiz-1", CourseID: "course-1", StudentID: "alice",
			Score: score, Maximum: 10, Passed: score >= 5, GradedAt: when, ResultsReleasedAt: released}
	}
	read := postgres.NewReadModel(db)
	teacherSees := func(points float64) func() bool {
		return func() bool {
			got, err := read.Grades(t.Context(), "course-1", "", false)
			return err == nil && len(got) == 1 && got[0].Best.Points == points
		}
	}
	studentSees := func() []float64 {
		got, err := read.Grades(t.Context(), "course-1", "alice", true)
		require.NoError(t, err)
		var points []float64
		for _, g := range got {
			points = append(points, g.Best.Points)
		}
		return points
	}

	publish(events.TypeAttemptGraded, graded(4, at, nil), at)
	publish(events.TypeAttemptGraded, graded(6, at.Add(time.Minute), nil), at.Add(time.Minute))
	require.Eventually(t, teacherSees(6), 30*time.Second, 50*time.Millisecond, "the teacher sees the regraded score at once")
	require.Empty(t, studentSees(), "held results show nothing to the student")

	released := at.Add(2 * time.Minute)
	publish(events.TypeAttemptResultsReleased, events.AttemptResultsReleased{AttemptID: "att-1", TestID: "quiz-1",
		CourseID: "course-1", StudentID: "alice", Score: 6, Maximum: 10, Passed: true, ReleasedAt: released}, released)
	require.Eventually(t, func() bool { return len(studentSees()) == 1 }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []float64{6}, studentSees())

	publish(events.TypeAttemptGraded, graded(8, at.Add(3*time.Minute), &released), at.Add(3*time.Minute))
	require.Eventually(t, teacherSees(8), 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []float64{8}, studentSees(), "a regrade of released results reaches the student")
}
