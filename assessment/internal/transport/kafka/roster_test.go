package kafka_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/service"
	assessmentkafka "lms/assessment/internal/transport/kafka"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// TestRosterConsumer_AppliesEachCourseEventOnce publishes the course
// service's events, some twice, to a real broker and checks the roster.
func TestRosterConsumer_AppliesEachCourseEventOnce(t *testing.T) {
	t.Parallel()
	store := mongo.NewStore(testkit.Mongo(t))
	require.NoError(t, store.Migrate(t.Context()))
	k := testkit.NewKafka(t)
	topic := k.Topic(t, events.TopicCourse, 3)
	k.Topic(t, events.TopicCourse+events.DeadLetterSuffix, 1)
	log := slog.New(slog.DiscardHandler)
	cfg := kafka.Config{Brokers: k.Brokers, ClientID: "assessment-test"}
	producer, err := kafka.NewProducer(cfg, log)
	require.NoError(t, err)
	t.Cleanup(producer.Close)

	t0 := time.Now().UTC().Truncate(time.Millisecond)
	ev := func(data any, at time.Time) events.Event {
		e, err := events.NewOf("c1", "courses/c1", data, at)
		require.NoError(t, err)
		e.Topic = topic
		return e
	}
	published := ev(events.CoursePublished{CourseID: "c1", TeacherID: "teacher", PublishedAt: t0}, t0)
	alice := ev(events.EnrollmentActivated{EnrollmentID: "e1", CourseID: "c1", StudentID: "alice", ActivatedAt: t0}, t0)
	bobIn := ev(events.EnrollmentActivated{EnrollmentID: "e2", CourseID: "c1", StudentID: "bob", ActivatedAt: t0}, t0)
	bobOut := ev(events.EnrollmentDropped{EnrollmentID: "e2", CourseID: "c1", StudentID: "bob", DroppedAt: t0.Add(time.Minute)}, t0.Add(time.Minute))
	lesson := ev(events.LessonPublished{CourseID: "c1", LessonID: "l1", Title: "Intro", PublishedAt: t0}, t0)
	carol := ev(events.EnrollmentActivated{EnrollmentID: "e3", CourseID: "c1", StudentID: "carol", ActivatedAt: t0}, t0)
	// bob's activation is delivered again after his drop: it must not undo
	// it. carol's comes last, on the same key and so the same partition: once
	// she is in, everything before her was handled.
	require.NoError(t, producer.Publish(t.Context(), []events.Event{published, lesson, alice, bobIn, bobOut, bobIn, published, carol}))

	app := service.NewApplication(store, service.Clock{}, service.IDs{}, nil)
	c, err := assessmentkafka.NewRosterConsumer(cfg, topic, k.Group(assessmentkafka.RosterGroup), app.Commands, log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	roster := store.Roster()
	require.Eventually(t, func() bool {
		status, err := roster.EnrollmentStatus(t.Context(), "c1", "carol")
		return err == nil && status == access.EnrollmentActive
	}, 30*time.Second, 50*time.Millisecond)
	status, err := roster.EnrollmentStatus(t.Context(), "c1", "bob")
	require.NoError(t, err)
	require.Equal(t, access.EnrollmentDropped, status, "the redelivered activation changed nothing")
	course, err := roster.Course(t.Context(), "c1")
	require.NoError(t, err)
	require.Equal(t, "teacher", course.TeacherID)
	courses, err := roster.StudentCourses(t.Context(), "alice", access.EnrollmentActive)
	require.NoError(t, err)
	require.Equal(t, []string{"c1"}, courses)
}
