package command_test

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/require"

	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
)

// fakeQueue hands out its attempts once and keeps what was recorded.
type fakeQueue struct {
	webhook.Queue
	mu       sync.Mutex
	attempts []webhook.Attempt
	outcome  map[int64]string
	until    map[int64]time.Time
}

func (q *fakeQueue) Claim(context.Context, int, int, time.Duration) ([]webhook.Attempt, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.attempts
	q.attempts = nil
	return out, nil
}

func (q *fakeQueue) record(id int64, what string, at time.Time) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.outcome[id], q.until[id] = what, at
	return nil
}

func (q *fakeQueue) Delivered(_ context.Context, id int64, _ webhook.Result, at time.Time) error {
	return q.record(id, "delivered", at)
}

func (q *fakeQueue) PutOff(_ context.Context, id int64, _ webhook.Result, until time.Time) error {
	return q.record(id, "put off", until)
}

func (q *fakeQueue) GiveUp(_ context.Context, id int64, _ webhook.Result, at time.Time) error {
	return q.record(id, "failed", at)
}

func (q *fakeQueue) seen(id int64) (string, time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.outcome[id], q.until[id]
}

// senderFunc answers each post with the code code returns for its URL.
type senderFunc func(url string, headers map[string]string, body []byte) int

func (f senderFunc) Send(_ context.Context, url string, headers map[string]string, body []byte) webhook.Result {
	code := f(url, headers, body)
	r := webhook.Result{Code: code}
	if !r.OK() {
		r.Err = http.StatusText(code)
	}
	return r
}

func TestWebhookDispatcher(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	secret := webhook.Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	attempt := func(id int64, url string, giveUpAt time.Time) webhook.Attempt {
		return webhook.Attempt{Delivery: webhook.Delivery{ID: id, EventID: "ev-" + url, Attempts: 1}, URL: url, Secret: secret,
			Payload: []byte(`{"id":"ev"}`), GiveUpAt: giveUpAt}
	}
	q := &fakeQueue{outcome: map[int64]string{}, until: map[int64]time.Time{}, attempts: []webhook.Attempt{
		attempt(1, "ok", now.Add(time.Hour)),
		attempt(2, "down", now.Add(time.Hour)),
		attempt(3, "down", now.Add(-time.Second)),
	}}
	var mu sync.Mutex
	var verified []error
	send := senderFunc(func(url string, headers map[string]string, body []byte) int {
		h := http.Header{}
		for k, v := range headers {
			h.Set(k, v)
		}
		wh, err := standardwebhooks.NewWebhook(string(secret))
		if err == nil {
			err = wh.VerifyIgnoringTimestamp(body, h)
		}
		mu.Lock()
		verified = append(verified, err)
		mu.Unlock()
		if url == "ok" {
			return http.StatusOK
		}
		return http.StatusServiceUnavailable
	})
	log := slog.New(slog.DiscardHandler)
	dispatch := command.NewDispatchWebhook(q, send, apptest.ClockFunc(func() time.Time { return now }), log,
		webhook.Backoff{Min: 10 * time.Second, Max: time.Hour})
	d := command.NewWebhookDispatcher(q, dispatch, log, command.WebhookDispatcherOptions{Poll: 10 * time.Millisecond})
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Run(ctx) }()
	require.Eventually(t, func() bool {
		a, _ := q.seen(1)
		b, _ := q.seen(2)
		c, _ := q.seen(3)
		return a != "" && b != "" && c != ""
	}, 5*time.Second, 5*time.Millisecond)
	stop()
	<-done

	what, _ := q.seen(1)
	require.Equal(t, "delivered", what, "a 2xx acknowledges")
	what, until := q.seen(2)
	require.Equal(t, "put off", what, "a 503 within the day is tried again")
	require.True(t, !until.Before(now.Add(5*time.Second)) && !until.After(now.Add(10*time.Second)), "after a jittered backoff, not %s", until)
	what, _ = q.seen(3)
	require.Equal(t, "failed", what, "a 503 once the day is over gives the delivery up")
	for _, err := range verified {
		require.NoError(t, err, "every request's signature verifies with the reference library")
	}
}
