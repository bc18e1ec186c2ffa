package kafka_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/smtp"
	"lms/course/internal/app"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// fanOutStudents is how many students one results release reaches.
const fanOutStudents = 2000

// BenchmarkNotifications_ResultsReleaseFanOut releases the results of one
// test to 2,000 students at once: their events go to a topic of six
// partitions (keyed by attempt, as assessment keys them), one consumer and
// one mail relay hand them to the stack's Mailpit. It reports the time from
// the publication until the last notification is recorded (inbox item and
// pending mail) and until the last mail is in Mailpit, and the mails a
// second.
func BenchmarkNotifications_ResultsReleaseFanOut(b *testing.B) {
	for range b.N {
		fanOut(b)
	}
}

func fanOut(b *testing.B) {
	b.Helper()
	db := testkit.Postgres(b)
	require.NoError(b, postgres.Migrate(b.Context(), db))
	k := testkit.NewKafka(b)
	topic := k.Topic(b, "fanout", 6)
	k.Topic(b, topic+events.DeadLetterSuffix, 1)
	mp := testkit.NewMailpit(b)
	domain := uuid.NewString()[:8] + ".fanout.test"
	courseID := testkit.UniqueName("course")
	ctx := b.Context()
	_, err := db.ExecContext(ctx, `INSERT INTO courses (id, code, title, owner_id, status, created_at, updated_at, published_at)
		VALUES (?, ?, 'Fan-out', 'teacher', 'published', now(), now(), now())`, courseID, courseID)
	require.NoError(b, err)
	_, err = db.ExecContext(ctx, `INSERT INTO people (user_id, display_name, email, changed_at)
		SELECT 'student-' || i, 'Student ' || i, 'student-' || i || '@' || ?, now() FROM generate_series(1, ?) AS i`, domain, fanOutStudents)
	require.NoError(b, err)

	store := postgres.NewNotifications(db)
	mailer, err := smtp.NewMailer(smtp.Config{Host: mp.SMTPHost, Port: mp.SMTPPort, From: "LMS <no-reply@lms.test>", TLS: smtp.TLSNone, HeloName: "localhost"})
	require.NoError(b, err)
	now := apptest.ClockFunc(func() time.Time { return time.Now().UTC() })
	log := slog.New(slog.DiscardHandler)
	opts := command.MailRelayOptions{Poll: 100 * time.Millisecond}
	var relay *command.MailRelay
	n := app.NewNotifications(app.NotificationDeps{Deliverer: store, Clock: now,
		IDs: apptest.IDFunc(func() string { return uuid.Must(uuid.NewV7()).String() }), MailDomain: "lms.test", WakeMails: func() { relay.Wake() },
		Mails: store, Mailer: mailer, MailOptions: opts, MailLog: log}, nil)
	relay = command.NewMailRelay(store, n.SendMail, log, opts)
	go func() { _ = relay.Run(ctx) }()
	notify := n.NotifyPerson
	cfg := kafka.Config{Brokers: k.Brokers, ClientID: "course-bench"}
	consumer, err := coursekafka.NewNotificationsConsumer(cfg, []string{topic}, k.Group("fanout"), notify, log)
	require.NoError(b, err)
	go func() { _ = consumer.Run(ctx) }()

	evs := make([]events.Event, 0, fanOutStudents)
	released := time.Now().UTC()
	for i := 1; i <= fanOutStudents; i++ {
		attempt := uuid.NewString()
		ev, err := events.New(topic, events.TypeAttemptResultsReleased, events.SourceAssessment, attempt, "attempts/"+attempt,
			events.AttemptResultsReleased{AttemptID: attempt, TestID: "test-1", CourseID: courseID, StudentID: fmt.Sprintf("student-%d", i),
				Score: 7, Maximum: 10, Passed: true, ReleasedAt: released}, released)
		require.NoError(b, err)
		evs = append(evs, ev)
	}
	producer, err := kafka.NewProducer(cfg, log)
	require.NoError(b, err)
	defer producer.Close()

	b.ResetTimer()
	start := time.Now()
	require.NoError(b, producer.Publish(ctx, evs))
	require.Eventually(b, func() bool {
		var n int
		return db.NewRaw("SELECT count(*) FROM notification_mails").Scan(ctx, &n) == nil && n >= fanOutStudents
	}, 10*time.Minute, 50*time.Millisecond)
	recorded := time.Since(start)
	require.Eventually(b, func() bool { return mailpitCount(b, mp, "@"+domain) >= fanOutStudents }, 10*time.Minute, 250*time.Millisecond)
	elapsed := time.Since(start)
	b.StopTimer()
	require.Equal(b, fanOutStudents, mailpitCount(b, mp, "@"+domain), "one mail per student")
	b.ReportMetric(recorded.Seconds(), "s_to_last_recorded")
	b.ReportMetric(elapsed.Seconds(), "s_to_last_mail")
	b.ReportMetric(fanOutStudents/elapsed.Seconds(), "mails/s")
}

// mailpitCount counts the mails Mailpit holds for addresses containing to.
func mailpitCount(tb testing.TB, mp *testkit.Mailpit, to string) int {
	tb.Helper()
	res, err := http.Get(mp.URL + "/api/v1/search?limit=1&query=" + url.QueryEscape("to:"+to)) //nolint:noctx // a short poll in a benchmark
	require.NoError(tb, err)
	defer func() { _ = res.Body.Close() }()
	var out struct {
		Total int `json:"messages_count"`
	}
	require.NoError(tb, json.NewDecoder(res.Body).Decode(&out))
	return out.Total
}
