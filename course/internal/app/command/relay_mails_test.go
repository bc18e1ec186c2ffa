package command_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
)

// mailQueue is an in-memory notification.MailQueue.
type mailQueue struct {
	mu    sync.Mutex
	now   func() time.Time
	mails map[notification.Key]*queuedMail
}

type queuedMail struct {
	mail        notification.Mail
	due         time.Time
	sent, given bool
	reason      string
}

func newMailQueue(now func() time.Time, mails ...notification.Mail) *mailQueue {
	q := &mailQueue{now: now, mails: map[notification.Key]*queuedMail{}}
	for _, m := range mails {
		q.mails[m.Key()] = &queuedMail{mail: m, due: now()}
	}
	return q
}

func (q *mailQueue) Claim(_ context.Context, n int, lease time.Duration) ([]notification.Mail, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []notification.Mail
	for _, m := range q.mails {
		if len(out) == n || m.sent || m.given || m.due.After(q.now()) {
			continue
		}
		m.due = q.now().Add(lease)
		m.mail.Attempts++
		out = append(out, m.mail)
	}
	return out, nil
}

func (q *mailQueue) Sent(_ context.Context, k notification.Key, _ time.Time) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.mails[k].sent = true
	return nil
}

func (q *mailQueue) PutOff(_ context.Context, k notification.Key, until time.Time, reason string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.mails[k].due, q.mails[k].reason = until, reason
	return nil
}

func (q *mailQueue) Fail(_ context.Context, k notification.Key, _ time.Time, reason string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.mails[k].given, q.mails[k].reason = true, reason
	return nil
}

// mailer fails the first failures sends with err, then accepts.
type mailer struct {
	mu       sync.Mutex
	failures int
	err      error
	accepted []notification.Mail
}

func (m *mailer) Send(_ context.Context, mail notification.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failures > 0 {
		m.failures--
		return m.err
	}
	m.accepted = append(m.accepted, mail)
	return nil
}

func mailOf(event string) notification.Mail {
	return notification.Mail{EventID: event, Recipient: "u-1", To: "ada@example.test", MessageID: "<" + event + "@lms.test>"}
}

func TestMailRelay_RetriesAFailedMailAfterItsBackoffAndSendsItOnce(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	now := apptest.ClockFunc(func() time.Time { return clock })
	q := newMailQueue(now, mailOf("ev-1"))
	m := &mailer{failures: 2, err: errors.New("connection refused")}
	opts := command.MailRelayOptions{MinBackoff: time.Second, MaxBackoff: time.Minute}
	log := slog.New(slog.DiscardHandler)
	r := command.NewMailRelay(q, command.NewSendMail(q, m, now, log, opts), log, opts)

	n, err := r.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, "connection refused", q.mails[mailOf("ev-1").Key()].reason)
	n, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "not due before its backoff ends")

	clock = clock.Add(time.Second)
	_, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Empty(t, m.accepted, "the second try fails too")
	clock = clock.Add(time.Second)
	n, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "the backoff doubled")
	clock = clock.Add(time.Second)
	_, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Len(t, m.accepted, 1)
	require.True(t, q.mails[mailOf("ev-1").Key()].sent)

	clock = clock.Add(time.Hour)
	n, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "a sent mail is never sent again")
}

func TestMailRelay_GivesUpAMailTheRelayRefusesForGood(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	now := apptest.ClockFunc(func() time.Time { return clock })
	q := newMailQueue(now, mailOf("ev-1"), mailOf("ev-2"))
	m := &mailer{failures: 1, err: errors.Join(notification.ErrMailRefused, errors.New("550 no such user"))}
	log := slog.New(slog.DiscardHandler)
	r := command.NewMailRelay(q, command.NewSendMail(q, m, now, log, command.MailRelayOptions{}), log, command.MailRelayOptions{})

	n, err := r.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, 2, n)
	given := 0
	for _, qm := range q.mails {
		if qm.given {
			given++
			require.Contains(t, qm.reason, "550")
		}
	}
	require.Equal(t, 1, given, "the refused mail is given up")
	require.Len(t, m.accepted, 1, "the other one is sent")
	clock = clock.Add(24 * time.Hour)
	n, err = r.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "neither is tried again")
}
