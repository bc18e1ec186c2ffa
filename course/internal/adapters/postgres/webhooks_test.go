package postgres_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/webhook"
)

const typeActivated = "lms.course.enrollment.activated.v1"

// newEndpoint stores an enabled endpoint of typeActivated registered an
// hour ago.
func newEndpoint(t *testing.T, store *postgres.Webhooks) webhook.Endpoint {
	t.Helper()
	e := webhook.Endpoint{ID: newID(), URL: "http://127.0.0.1:9/hook", EventTypes: []string{typeActivated}, //nolint:gosec // the specification's published test secret
		Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Enabled: true, CreatedAt: time.Now().UTC().Add(-time.Hour), UpdatedAt: time.Now().UTC()}
	require.NoError(t, store.AddEndpoint(t.Context(), e))
	return e
}

// fan queues an event of subject and returns its id.
func fan(t *testing.T, store *postgres.Webhooks, subject string) string {
	t.Helper()
	ev := webhook.Event{ID: newID(), Type: typeActivated, Source: "lms/course", Subject: subject, Time: time.Now().UTC(),
		Topic: "lms.course.v1", Key: "c1", Data: []byte(`{}`)}
	p, err := ev.Payload()
	require.NoError(t, err)
	_, err = store.Fan(t.Context(), ev, p, time.Now().UTC())
	require.NoError(t, err)
	return ev.ID
}

func claimedEvents(t *testing.T, store *postgres.Webhooks, perEndpoint int, lease time.Duration) []webhook.Attempt {
	t.Helper()
	got, err := store.Claim(t.Context(), 100, perEndpoint, lease)
	require.NoError(t, err)
	return got
}

func TestWebhooks_ASubjectsNextDeliveryWaitsForTheEarlierOne(t *testing.T) {
	t.Parallel()
	store := postgres.NewWebhooks(newDB(t))
	ctx := t.Context()
	newEndpoint(t, store)
	a1, a2, b1 := fan(t, store, "enrollments/a"), fan(t, store, "enrollments/a"), fan(t, store, "enrollments/b")

	got := claimedEvents(t, store, 10, time.Minute)
	require.Len(t, got, 2, "one delivery per subject goes at a time")
	require.ElementsMatch(t, []string{a1, b1}, []string{got[0].EventID, got[1].EventID})
	require.Empty(t, claimedEvents(t, store, 10, time.Minute), "a2 waits while a1 is in flight")

	for _, a := range got {
		if a.EventID == a1 {
			require.NoError(t, store.PutOff(ctx, a.ID, webhook.Result{Code: 500, Err: "HTTP 500"}, time.Now().UTC().Add(-time.Second)))
		}
	}
	again := claimedEvents(t, store, 10, time.Minute)
	require.Len(t, again, 1)
	require.Equal(t, a1, again[0].EventID, "a failing a1 is retried before a2 goes")
	require.Equal(t, 2, again[0].Attempts)
	require.NoError(t, store.GiveUp(ctx, again[0].ID, webhook.Result{Code: 500, Err: "HTTP 500"}, time.Now().UTC()))
	next := claimedEvents(t, store, 10, time.Minute)
	require.Len(t, next, 1)
	require.Equal(t, a2, next[0].EventID, "once a1 is given up, a2 goes")
}

func TestWebhooks_AnEndpointHoldsAtMostItsShareOfSenders(t *testing.T) {
	t.Parallel()
	store := postgres.NewWebhooks(newDB(t))
	newEndpoint(t, store)
	for i := range 6 {
		fan(t, store, "enrollments/"+string(rune('a'+i)))
	}
	require.Len(t, claimedEvents(t, store, 4, time.Minute), 4)
	require.Empty(t, claimedEvents(t, store, 4, time.Minute), "four in flight already")
}

func TestWebhooks_ALeaseThatRunsOutIsClaimedAgain(t *testing.T) {
	t.Parallel()
	store := postgres.NewWebhooks(newDB(t))
	newEndpoint(t, store)
	id := fan(t, store, "enrollments/a")
	got := claimedEvents(t, store, 4, time.Millisecond)
	require.Len(t, got, 1)
	// The process that claimed it died before recording an answer.
	require.Eventually(t, func() bool {
		again := claimedEvents(t, store, 4, time.Minute)
		return len(again) == 1 && again[0].EventID == id && again[0].Attempts == 2
	}, 5*time.Second, 20*time.Millisecond, "the delivery is not lost")
}

func TestWebhooks_AnEventIsQueuedOncePerEndpointAndReplayedApart(t *testing.T) {
	t.Parallel()
	store := postgres.NewWebhooks(newDB(t))
	ctx := t.Context()
	e := newEndpoint(t, store)
	disabled := newEndpoint(t, store)
	_, err := store.UpdateEndpoint(ctx, disabled.ID, func(x *webhook.Endpoint) error { x.Enabled = false; return nil })
	require.NoError(t, err)
	ev := webhook.Event{ID: newID(), Type: typeActivated, Subject: "enrollments/a", Time: time.Now().UTC(), Data: []byte(`{}`)}
	for range 3 {
		n, err := store.Fan(ctx, ev, []byte(`{}`), time.Now().UTC())
		require.NoError(t, err)
		require.LessOrEqual(t, n, 1)
	}
	old := ev
	old.ID, old.Time = newID(), e.CreatedAt.Add(-time.Minute)
	n, err := store.Fan(ctx, old, []byte(`{}`), time.Now().UTC())
	require.NoError(t, err)
	require.Zero(t, n, "an event from before the endpoint existed waits for a replay")
	n, err = store.Replay(ctx, e.ID, "replay-1", []webhook.Event{ev, old}, [][]byte{[]byte(`{}`), []byte(`{}`)}, time.Now().UTC())
	require.NoError(t, err)
	require.Equal(t, 2, n)
	log, err := store.Deliveries(ctx, e.ID, 0, 10)
	require.NoError(t, err)
	require.Len(t, log, 3)
	require.Equal(t, "replay-1", log[0].ReplayID)
	require.Empty(t, log[2].ReplayID, "the live delivery")
	none, err := store.Deliveries(ctx, disabled.ID, 0, 10)
	require.NoError(t, err)
	require.Empty(t, none, "a disabled endpoint gets nothing queued")
}

func TestWebhooks_RedeliverMakesAFailedDeliveryPendingAgain(t *testing.T) {
	t.Parallel()
	store := postgres.NewWebhooks(newDB(t))
	ctx := t.Context()
	e := newEndpoint(t, store)
	fan(t, store, "enrollments/a")
	got := claimedEvents(t, store, 4, time.Minute)
	require.Len(t, got, 1)
	_, err := store.Redeliver(ctx, e.ID, got[0].ID, time.Now().UTC(), time.Now().UTC().Add(webhook.RetryWindow))
	require.ErrorIs(t, err, webhook.ErrDeliveryNotFound, "not while it is being sent")
	require.NoError(t, store.GiveUp(ctx, got[0].ID, webhook.Result{Err: "connection refused"}, time.Now().UTC()))
	_, err = store.Redeliver(ctx, newEndpoint(t, store).ID, got[0].ID, time.Now().UTC(), time.Now().UTC().Add(time.Hour))
	require.ErrorIs(t, err, webhook.ErrDeliveryNotFound, "another endpoint's delivery")
	d, err := store.Redeliver(ctx, e.ID, got[0].ID, time.Now().UTC(), time.Now().UTC().Add(webhook.RetryWindow))
	require.NoError(t, err)
	require.Equal(t, webhook.StatusPending, d.Status)
	require.Zero(t, d.Attempts)
	require.Equal(t, "connection refused", d.LastError, "the last error stays until the next try")
	require.Len(t, claimedEvents(t, store, 4, time.Minute), 1)
}
