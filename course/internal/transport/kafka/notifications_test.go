package kafka_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/smtp"
	"lms/course/internal/app"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
	"lms/shared/testkit"
)

// notifyBench is a bench whose notifications go out through a mail relay
// to the stack's Mailpit.
type notifyBench struct {
	bench
	mailpit *testkit.Mailpit
	store   *postgres.Notifications
	notify  app.Notifications
}

const mailDomain = "lms.test"

func newNotifyBench(t *testing.T) notifyBench {
	t.Helper()
	b := newBench(t, "notify", 1)
	mp := testkit.NewMailpit(t)
	store := postgres.NewNotifications(b.db)
	mailer, err := smtp.NewMailer(smtp.Config{Host: mp.SMTPHost, Port: mp.SMTPPort, From: "LMS <no-reply@" + mailDomain + ">", TLS: smtp.TLSNone, HeloName: "localhost"})
	require.NoError(t, err)
	now := apptest.ClockFunc(func() time.Time { return time.Now().UTC() })
	opts := command.MailRelayOptions{Poll: 100 * time.Millisecond}
	var relay *command.MailRelay
	notify := app.NewNotifications(app.NotificationDeps{Deliverer: store, Audiences: store, Admins: store, Waits: store, Clock: now,
		IDs: apptest.IDFunc(func() string { return uuid.Must(uuid.NewV7()).String() }), MailDomain: mailDomain, WakeMails: func() { relay.Wake() },
		Mails: store, Mailer: mailer, MailOptions: opts, MailLog: b.log}, nil)
	relay = command.NewMailRelay(store, notify.SendMail, b.log, opts)
	go func() { _ = relay.Run(t.Context()) }()
	return notifyBench{bench: b, mailpit: mp, store: store, notify: notify}
}

// consume runs a consumer of the bench's topic in group until the test ends.
func (b notifyBench) consume(t *testing.T, group string) {
	t.Helper()
	c, err := coursekafka.NewNotificationsConsumer(b.cfg, []string{b.topic}, b.k.Group(group), b.notify.NotifyPerson, b.log)
	require.NoError(t, err)
	run(t, c)
}

// seedStudent records a person with a unique address, a course and her
// enrollment, which waited on the waitlist before it got a seat when
// waited is true.
func seedStudent(t *testing.T, db *bun.DB, waited bool) (student, address, courseID, enrollmentID string) {
	t.Helper()
	ctx := t.Context()
	student, courseID, enrollmentID = testkit.UniqueName("student"), testkit.UniqueName("course"), testkit.UniqueName("enrollment")
	address = strings.ReplaceAll(testkit.UniqueName("student"), "_", ".") + "@example.test"
	_, err := db.ExecContext(ctx, "INSERT INTO people (user_id, display_name, email, changed_at) VALUES (?, 'Ada', ?, now())", student, address)
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `INSERT INTO courses (id, code, title, owner_id, status, capacity, created_at, updated_at, published_at)
		VALUES (?, ?, 'Queues & Seats', 'teacher', 'published', 1, now(), now(), now())`, courseID, courseID)
	require.NoError(t, err)
	var waitlisted *time.Time
	if waited {
		at := time.Now().UTC().Add(-time.Hour)
		waitlisted = &at
	}
	_, err = db.ExecContext(ctx, `INSERT INTO enrollments (id, course_id, student_id, status, requested_at, waitlisted_at, activated_at)
		VALUES (?, ?, ?, 'active', now(), ?, now())`, enrollmentID, courseID, student, waitlisted)
	require.NoError(t, err)
	return student, address, courseID, enrollmentID
}

func activated(t *testing.T, topic, courseID, student, enrollmentID string) events.Event {
	t.Helper()
	ev, err := events.New(topic, events.TypeEnrollmentActivated, events.SourceCourse, courseID, "enrollments/"+enrollmentID,
		events.EnrollmentActivated{EnrollmentID: enrollmentID, CourseID: courseID, StudentID: student, ActivatedAt: time.Now().UTC()}, time.Now().UTC())
	require.NoError(t, err)
	return ev
}

func certificate(t *testing.T, topic, courseID, student, enrollmentID string) events.Event {
	t.Helper()
	return certificateAt(t, topic, courseID, student, enrollmentID, time.Now().UTC())
}

func certificateAt(t *testing.T, topic, courseID, student, enrollmentID string, at time.Time) events.Event {
	t.Helper()
	ev, err := events.New(topic, events.TypeCertificateIssued, events.SourceCourse, courseID, "enrollments/"+enrollmentID,
		events.CertificateIssued{CertificateID: testkit.UniqueName("cert"), EnrollmentID: enrollmentID, CourseID: courseID, StudentID: student, IssuedAt: at}, at)
	require.NoError(t, err)
	return ev
}

// waitSent waits until every mail recorded for student was accepted by
// Mailpit, and answers how many there are.
func waitSent(t *testing.T, db *bun.DB, student string, want int) {
	t.Helper()
	require.Eventually(t, func() bool {
		var sent, all int
		err := db.NewRaw("SELECT count(sent_at), count(*) FROM notification_mails WHERE recipient_id = ?", student).Scan(t.Context(), &sent, &all)
		return err == nil && sent == want && all == want
	}, 30*time.Second, 50*time.Millisecond)
}

// TestNotifications_PromotionSendsExactlyOneMail publishes the activation
// of an enrollment that waited on the waitlist twice, and a second
// consumer group reads the topic again from its start, as a service whose
// offsets were lost would: the student gets one promotion mail in Mailpit
// (and one inbox item), with the Message-ID its delivery key gives.
func TestNotifications_PromotionSendsExactlyOneMail(t *testing.T) {
	t.Parallel()
	b := newNotifyBench(t)
	student, address, courseID, enrollmentID := seedStudent(t, b.db, true)
	b.consume(t, "first")

	promoted := activated(t, b.topic, courseID, student, enrollmentID)
	producer := b.producer(t)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{promoted, promoted}))
	b.consume(t, "after-restart")
	// A later event of the same course (same key, so handled after the
	// repeats by both groups) marks the end of the repeats.
	require.NoError(t, producer.Publish(t.Context(), []events.Event{certificate(t, b.topic, courseID, student, enrollmentID)}))
	require.Eventually(t, func() bool {
		var n int
		err := b.db.NewRaw("SELECT count(*) FROM processed_events WHERE consumer = ? AND event_id LIKE ?", postgres.NotificationsConsumer, "%/"+student).Scan(t.Context(), &n)
		return err == nil && n == 2
	}, 30*time.Second, 50*time.Millisecond)
	waitSent(t, b.db, student, 2)
	require.Eventually(t, func() bool { return len(b.mailpit.MailsTo(t, address)) == 2 }, 30*time.Second, 100*time.Millisecond)

	var promotions []testkit.Mail
	for _, m := range b.mailpit.MailsTo(t, address) {
		if strings.Contains(m.Subject, "A seat in") {
			promotions = append(promotions, m)
		}
	}
	require.Len(t, promotions, 1, "one promotion mail, however often the event came")
	m := promotions[0]
	require.Equal(t, `A seat in "Queues & Seats" is yours`, m.Subject)
	require.Equal(t, "no-reply@"+mailDomain, m.From.Address)
	want := notification.MessageID(notification.Key{EventID: promoted.ID, Recipient: student, Channel: notification.ChannelEmail}, mailDomain)
	require.Equal(t, strings.Trim(want, "<>"), m.MessageID)
	require.Contains(t, b.mailpit.Text(t, m.ID), "went to you, next on its waitlist")

	inbox, err := b.store.List(t.Context(), student, "", 10)
	require.NoError(t, err)
	require.Len(t, inbox, 2)
	require.Equal(t, notification.KindCertificateIssued, inbox[0].Kind, "newest first")
	require.Equal(t, notification.KindWaitlistPromoted, inbox[1].Kind)
}

// TestNotifications_EmailOffKeepsTheInboxOnly switches a student's mail
// off for one kind: its event reaches her inbox and no mail is sent, while
// another kind still mails her. An event a month old (history a new
// consumer group finds) notifies nobody.
func TestNotifications_EmailOffKeepsTheInboxOnly(t *testing.T) {
	t.Parallel()
	b := newNotifyBench(t)
	student, address, courseID, enrollmentID := seedStudent(t, b.db, false)
	require.NoError(t, b.store.SetPreferences(t.Context(), student, []notification.Preference{
		{Kind: notification.KindEnrollmentActivated, Choice: notification.Choice{InApp: true, Email: false}},
	}, time.Now()))
	b.consume(t, "prefs")

	producer := b.producer(t)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{
		certificateAt(t, b.topic, courseID, student, enrollmentID, time.Now().UTC().AddDate(0, -1, 0)),
		activated(t, b.topic, courseID, student, enrollmentID), certificate(t, b.topic, courseID, student, enrollmentID),
	}))
	require.Eventually(t, func() bool {
		n, err := b.store.Unread(t.Context(), student)
		return err == nil && n == 2
	}, 30*time.Second, 50*time.Millisecond)
	waitSent(t, b.db, student, 1)
	require.Eventually(t, func() bool { return len(b.mailpit.MailsTo(t, address)) == 1 }, 30*time.Second, 100*time.Millisecond)
	mails := b.mailpit.MailsTo(t, address)
	require.Equal(t, `Your certificate for "Queues & Seats"`, mails[0].Subject, "only the kind with mail on was mailed")

	inbox, err := b.store.List(t.Context(), student, "", 10)
	require.NoError(t, err)
	require.Len(t, inbox, 2)
	require.Equal(t, notification.KindEnrollmentActivated, inbox[1].Kind, "a seat without waiting is no promotion")
}
