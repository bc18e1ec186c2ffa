package kafka_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/service"
	assessmentkafka "lms/assessment/internal/transport/kafka"
	"lms/shared/caller"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// TestRosterConsumer_FollowsTheStaff publishes a course's staff changes,
// one twice and one late, to a real broker: assessment keeps the latest
// staff, so a removed teaching assistant is no longer on it.
func TestRosterConsumer_FollowsTheStaff(t *testing.T) {
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
	ev := func(data any) events.Event {
		e, err := events.NewOf("c1", "course/c1", data, t0)
		require.NoError(t, err)
		e.Topic = topic
		return e
	}
	owner := events.StaffMember{UserID: "owner", Role: events.StaffOwner}
	staff := func(version int64, user, role string, members ...events.StaffMember) events.Event {
		return ev(events.CourseStaffChanged{CourseID: "c1", OwnerID: "owner", UserID: user, Role: role, Version: version,
			Staff: append([]events.StaffMember{owner}, members...), ChangedBy: "owner", ChangedAt: t0})
	}
	ta := events.StaffMember{UserID: "ta", Role: events.StaffAssistant}
	co := events.StaffMember{UserID: "co", Role: events.StaffCoTeacher}
	added := staff(1, "ta", events.StaffAssistant, ta)
	coAdded := staff(2, "co", events.StaffCoTeacher, co, ta)
	taRemoved := staff(3, "ta", "", co)
	published := ev(events.CoursePublished{CourseID: "c1", TeacherID: "owner", PublishedAt: t0})
	// The draft's staff comes before its publication; the assistant's
	// addition is delivered again after the removal and must not undo it.
	require.NoError(t, producer.Publish(t.Context(), []events.Event{added, coAdded, published, taRemoved, added}))

	app := service.NewApplication(store, service.Clock{}, service.IDs{}, nil)
	c, err := assessmentkafka.NewRosterConsumer(cfg, topic, k.Group(assessmentkafka.RosterGroup), app.Commands, log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	roster := store.Roster()
	policy := access.NewPolicy(roster)
	require.Eventually(t, func() bool {
		course, err := roster.Course(t.Context(), "c1")
		return err == nil && course.RoleOf("co") == access.StaffCoTeacher && course.RoleOf("ta") == ""
	}, 30*time.Second, 50*time.Millisecond)
	// The redelivered addition comes last on the course's partition: once
	// a marker after it is applied, it was handled too.
	require.NoError(t, producer.Publish(t.Context(), []events.Event{ev(events.CourseArchived{CourseID: "c1", ArchivedBy: "owner", ArchivedAt: t0.Add(time.Minute)})}))
	require.Eventually(t, func() bool {
		course, err := roster.Course(t.Context(), "c1")
		return err == nil && course.Archived
	}, 30*time.Second, 50*time.Millisecond)
	course, err := roster.Course(t.Context(), "c1")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"co": access.StaffCoTeacher}, course.Staff, "the late addition changed nothing")
	taCaller := caller.Caller{UserID: "ta", Roles: []string{access.RoleTeacher}}
	teaches, err := policy.Teaches(t.Context(), taCaller, "c1")
	require.NoError(t, err)
	require.False(t, teaches, "the removed assistant reads nothing as a teacher")
}

// TestRoster_DeadLettersAStaffChangeItCanNeverApply hands the consumer's
// handler staff changes that break the contract: each is a permanent
// failure (the consumer sends it to the dead-letter topic) and changes
// nothing.
func TestRoster_DeadLettersAStaffChangeItCanNeverApply(t *testing.T) {
	t.Parallel()
	roster := apptest.NewRoster()
	require.NoError(t, roster.RecordCourse(t.Context(), "e0", "c1", "owner", false, apptest.T0))
	handle := assessmentkafka.Roster(app.New(app.Deps{Roster: roster, Recorder: roster}, nil).Commands)
	for name, data := range map[string]string{
		"not JSON":       `{`,
		"no course":      `{"course_id":"","version":1,"staff":[]}`,
		"no version":     `{"course_id":"c1","version":0,"staff":[{"user_id":"ta","role":"teaching_assistant"}]}`,
		"unknown role":   `{"course_id":"c1","version":1,"staff":[{"user_id":"x","role":"dean"}]}`,
		"member, no id":  `{"course_id":"c1","version":1,"staff":[{"user_id":"","role":"observer"}]}`,
		"staff not list": `{"course_id":"c1","version":1,"staff":{"ta":"observer"}}`,
	} {
		err := handle(t.Context(), events.Event{ID: "e1", Type: events.TypeCourseStaffChanged, Data: []byte(data)})
		require.Truef(t, kafka.IsPermanent(err), "%s: %v", name, err)
	}
	course, err := roster.Course(t.Context(), "c1")
	require.NoError(t, err)
	require.Nil(t, course.Staff)
}
