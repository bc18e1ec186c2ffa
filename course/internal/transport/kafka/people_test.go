package kafka_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
)

// TestPeopleConsumer_KeepsNamesOnceAndSetsBadEventsAside publishes iam's
// events to a real broker: a registration (twice), an event that cannot be
// read, a role change and a second registration; the names are kept, the
// bad event does not stop the ones behind it.
func TestPeopleConsumer_KeepsNamesOnceAndSetsBadEventsAside(t *testing.T) {
	t.Parallel()
	b := newBench(t, "iam", 1)
	db, topic, k := b.db, b.topic, b.k
	consumer, err := coursekafka.NewPeopleConsumer(b.cfg, topic, k.Group("people"), command.NewRecordPerson(postgres.NewPeople(db)), b.log)
	require.NoError(t, err)
	run(t, consumer)

	at := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	registered := func(user, name string) events.Event {
		ev, err := events.New(topic, events.TypeUserRegistered, events.SourceIAM, user, "user/"+user, events.UserRegistered{
			UserID: user, Email: user + "@example.test", DisplayName: name, Roles: []string{"student"}, RegisteredAt: at}, at)
		require.NoError(t, err)
		return ev
	}
	ann := registered("u-ann", "Ann Example")
	bad, err := events.New(topic, events.TypeUserRegistered, events.SourceIAM, "u-bad", "user/u-bad", "not an object", at)
	require.NoError(t, err)
	roles, err := events.New(topic, events.TypeUserRolesChanged, events.SourceIAM, "u-ann", "user/u-ann",
		events.UserRolesChanged{UserID: "u-ann", Roles: []string{"student", "teacher"}, ChangedAt: at}, at)
	require.NoError(t, err)

	producer := b.producer(t)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{ann, ann, bad, roles, registered("u-bob", "Bob")}))

	// Events of different people are handled side by side (one key's in
	// order): wait for both.
	read := postgres.NewReadModel(db)
	require.Eventually(t, func() bool {
		got, err := read.People(t.Context(), []string{"u-ann", "u-bob"})
		return err == nil && got["u-bob"].Name == "Bob" && got["u-ann"].Name == "Ann Example"
	}, 30*time.Second, 50*time.Millisecond)
	got, err := read.People(t.Context(), []string{"u-ann", "u-bob", "u-bad", "u-unknown"})
	require.NoError(t, err)
	require.Equal(t, map[string]query.Person{
		"u-ann": {Name: "Ann Example", Email: "u-ann@example.test"},
		"u-bob": {Name: "Bob", Email: "u-bob@example.test"},
	}, got)
	var claims int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM processed_events WHERE consumer = ?", postgres.PeopleConsumer).Scan(t.Context(), &claims))
	require.Equal(t, 2, claims, "the repeated registration was applied once")
}
