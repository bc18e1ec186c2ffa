package kafka_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/events"
	"lms/shared/testkit"
)

// TestNotifications_EscalationMailsTheAdministratorsOnce: iam's events on
// the topic make one user an administrator (and take it from another); an
// enrollment request's escalation, delivered twice, reaches the
// administrator once in her inbox and once in Mailpit, and nobody else.
func TestNotifications_EscalationMailsTheAdministratorsOnce(t *testing.T) {
	t.Parallel()
	b := newNotifyBench(t)
	ctx := t.Context()
	student, _, courseID, enrollmentID := seedStudent(t, b.db, false)
	admin, former := testkit.UniqueName("admin"), testkit.UniqueName("former")
	address := strings.ReplaceAll(testkit.UniqueName("admin"), "_", ".") + "@example.test"
	_, err := b.db.ExecContext(ctx, "INSERT INTO people (user_id, display_name, email, changed_at) VALUES (?, 'Ada Admin', ?, now())", admin, address)
	require.NoError(t, err)

	c, err := coursekafka.NewNotificationsConsumer(b.cfg, []string{b.topic}, b.k.Group("staff"), b.notify.NotifyPerson, b.log,
		coursekafka.Approvals(b.notify))
	require.NoError(t, err)
	run(t, c)

	now := time.Now().UTC()
	ev := func(typ, key string, data any, at time.Time) events.Event {
		e, err := events.New(b.topic, typ, events.SourceCourse, key, "", data, at)
		require.NoError(t, err)
		return e
	}
	pending := events.PendingApproval{EnrollmentID: enrollmentID, CourseID: courseID, StudentID: student, PendingSince: now.Add(-120 * time.Hour)}
	escalated := ev(events.TypeEnrollmentApprovalEscalated, courseID, events.EnrollmentApprovalEscalated{PendingApproval: pending, EscalatedAt: now}, now)
	require.NoError(t, b.producer(t).Publish(ctx, []events.Event{
		ev(events.TypeUserRegistered, admin, events.UserRegistered{UserID: admin, Email: address, DisplayName: "Ada Admin", Roles: []string{"admin"}, RegisteredAt: now.Add(-time.Hour)}, now.Add(-time.Hour)),
		ev(events.TypeUserRegistered, former, events.UserRegistered{UserID: former, Roles: []string{"admin"}, RegisteredAt: now.Add(-time.Hour)}, now.Add(-time.Hour)),
		ev(events.TypeUserRolesChanged, former, events.UserRolesChanged{UserID: former, Roles: []string{"teacher"}, ChangedAt: now.Add(-time.Minute)}, now.Add(-time.Minute)),
	}))
	require.Eventually(t, func() bool {
		var n int
		err := b.db.NewRaw("SELECT count(*) FROM notification_administrators WHERE (user_id = ? AND admin) OR (user_id = ? AND NOT admin)",
			admin, former).Scan(ctx, &n)
		return err == nil && n == 2
	}, 30*time.Second, 50*time.Millisecond)
	require.NoError(t, b.producer(t).Publish(ctx, []events.Event{escalated, escalated}))

	waitSent(t, b.db, admin, 1)
	require.Eventually(t, func() bool { return len(b.mailpit.MailsTo(t, address)) == 1 }, 30*time.Second, 100*time.Millisecond)
	m := b.mailpit.MailsTo(t, address)[0]
	require.Contains(t, m.Subject, "needs an administrator")
	require.Contains(t, b.mailpit.Text(t, m.ID), "Ada", "the message names the student")
	var inbox, others int
	require.NoError(t, b.db.NewRaw(`SELECT count(*) FILTER (WHERE recipient_id = ?), count(*) FILTER (WHERE recipient_id <> ?)
		FROM notifications WHERE kind = 'approval_escalated'`, admin, admin).Scan(ctx, &inbox, &others))
	require.Equal(t, 1, inbox)
	require.Zero(t, others, "the former administrator and the student are not asked")
}

// TestNotifications_DigestMailsOncePerDay: a student who chose the daily
// digest gets her notifications in her inbox at once and by mail only in
// the day's one digest, made after the day ended, however often the sweep
// runs; the digest arrives in Mailpit listing both.
func TestNotifications_DigestMailsOncePerDay(t *testing.T) {
	t.Parallel()
	b := newNotifyBench(t)
	ctx := t.Context()
	student, address, courseID, enrollmentID := seedStudent(t, b.db, true)
	require.NoError(t, b.store.SetDigest(ctx, student, true, time.Now().UTC()))
	b.consume(t, "digest")

	promoted := activated(t, b.topic, courseID, student, enrollmentID)
	require.NoError(t, b.producer(t).Publish(ctx, []events.Event{promoted, promoted, certificate(t, b.topic, courseID, student, enrollmentID)}))
	require.Eventually(t, func() bool {
		var n int
		err := b.db.NewRaw("SELECT count(*) FROM notifications WHERE recipient_id = ?", student).Scan(ctx, &n)
		return err == nil && n == 2
	}, 30*time.Second, 50*time.Millisecond)
	var held, mails int
	require.NoError(t, b.db.NewRaw("SELECT (SELECT count(*) FROM notification_digest_items WHERE recipient_id = ?), (SELECT count(*) FROM notification_mails WHERE recipient_id = ?)",
		student, student).Scan(ctx, &held, &mails))
	require.Equal(t, 2, held)
	require.Zero(t, mails, "no mail per event")

	today := time.Now().UTC()
	sameDay := command.NewSendDigests(b.store, apptest.ClockFunc(func() time.Time { return today }), mailDomain, nil)
	made, err := sameDay.Handle(ctx, command.SendDigestsInput{})
	require.NoError(t, err)
	require.Zero(t, made, "the day has not ended")

	tomorrow := command.NewSendDigests(b.store, apptest.ClockFunc(func() time.Time { return today.Add(24 * time.Hour) }), mailDomain, nil)
	for i := range 3 {
		made, err = tomorrow.Handle(ctx, command.SendDigestsInput{})
		require.NoError(t, err)
		require.Equal(t, map[bool]int{true: 1, false: 0}[i == 0], made, "sweep %d", i)
	}
	waitSent(t, b.db, student, 1)
	require.Eventually(t, func() bool { return len(b.mailpit.MailsTo(t, address)) == 1 }, 30*time.Second, 100*time.Millisecond)
	m := b.mailpit.MailsTo(t, address)[0]
	require.Contains(t, m.Subject, "(2 notifications)")
	text := b.mailpit.Text(t, m.ID)
	require.Contains(t, text, "A seat in")
	require.Contains(t, text, "Your certificate for")
	var digested int
	require.NoError(t, b.db.NewRaw("SELECT count(*) FROM notification_digest_items WHERE recipient_id = ? AND digested_at IS NOT NULL", student).Scan(ctx, &digested))
	require.Equal(t, 2, digested)
}

// TestNotifications_GradingOverdueMailsTheGradersOnce: of two attempts
// submitted (each submission delivered twice), one is graded; once the
// other waited longer than the overdue delay, the course's owner gets one
// mail about it in Mailpit, however often the sweep runs.
func TestNotifications_GradingOverdueMailsTheGradersOnce(t *testing.T) {
	t.Parallel()
	b := newNotifyBench(t)
	ctx := t.Context()
	student, _, courseID, _ := seedStudent(t, b.db, false)
	address := strings.ReplaceAll(testkit.UniqueName("owner"), "_", ".") + "@example.test"
	_, err := b.db.ExecContext(ctx, "INSERT INTO people (user_id, display_name, email, changed_at) VALUES ('teacher', 'Tess', ?, now())", address)
	require.NoError(t, err)

	now := time.Now().UTC()
	later := apptest.ClockFunc(func() time.Time { return now.Add(2 * time.Hour) })
	grading := command.NewNotifyOverdueGrading(b.store, b.notify.NotifyAudience, later, time.Hour)
	c, err := coursekafka.NewNotificationsConsumer(b.cfg, []string{b.topic}, b.k.Group("grading"), b.notify.NotifyPerson, b.log, coursekafka.GradingOverdue(b.notify))
	require.NoError(t, err)
	run(t, c)

	ev := func(typ, attempt string, data any) events.Event {
		e, err := events.New(b.topic, typ, events.SourceAssessment, attempt, "attempts/"+attempt, data, now)
		require.NoError(t, err)
		return e
	}
	waiting, graded := testkit.UniqueName("attempt"), testkit.UniqueName("attempt")
	var batch []events.Event
	for _, a := range []string{waiting, graded} {
		s := ev(events.TypeAttemptSubmitted, a, events.AttemptSubmitted{AttemptID: a, TestID: "t-1", CourseID: courseID, StudentID: student, SubmittedAt: now})
		batch = append(batch, s, s)
	}
	batch = append(batch, ev(events.TypeAttemptGraded, graded, events.AttemptGraded{AttemptID: graded, TestID: "t-1", CourseID: courseID,
		StudentID: student, Score: 1, Maximum: 2, GradedAt: now}))
	require.NoError(t, b.producer(t).Publish(ctx, batch))
	require.Eventually(t, func() bool {
		var n int
		err := b.db.NewRaw("SELECT count(*) FROM grading_waits WHERE attempt_id IN (?, ?) AND (attempt_id = ? OR graded_at IS NOT NULL)",
			waiting, graded, waiting).Scan(ctx, &n)
		return err == nil && n == 2
	}, 30*time.Second, 50*time.Millisecond)

	for i := range 3 {
		n, err := grading.Handle(ctx, command.NotifyOverdueGradingInput{})
		require.NoError(t, err)
		require.Equal(t, map[bool]int{true: 1, false: 0}[i == 0], n, "sweep %d", i)
	}
	waitSent(t, b.db, "teacher", 1)
	require.Eventually(t, func() bool { return len(b.mailpit.MailsTo(t, address)) == 1 }, 30*time.Second, 100*time.Millisecond)
	m := b.mailpit.MailsTo(t, address)[0]
	require.Contains(t, m.Subject, "Grading overdue")
	text := b.mailpit.Text(t, m.ID)
	require.Contains(t, text, "The attempt of Ada", "names the student")
	require.Contains(t, text, waiting, "names the attempt")
}
