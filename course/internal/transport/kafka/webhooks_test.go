package kafka_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/eventlog"
	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/webhookhttp"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/caller"
	"lms/shared/events"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

var admin = caller.Caller{UserID: "admin-1", Roles: []string{course.RoleAdmin}}

// webhookBench queues the bench topic's events for webhook endpoints and
// sends them with a dispatcher whose retries come fast.
type webhookBench struct {
	bench
	store           *postgres.Webhooks
	registerWebhook *command.RegisterWebhook
	replay          *command.ReplayWebhook
	// restart stops the dispatcher, as a process that ends would, and runs
	// a new one over the same database.
	restart func()
}

func newWebhookBench(t testing.TB, partitions int, timeout time.Duration, opts command.WebhookDispatcherOptions) webhookBench {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	k := testkit.NewKafka(t)
	topic := k.Topic(t, "webhooks", partitions)
	k.Topic(t, topic+events.DeadLetterSuffix, 1)
	b := bench{db: db, k: k, topic: topic, cfg: lmskafka.Config{Brokers: k.Brokers, ClientID: "course-test"}, log: slog.New(slog.DiscardHandler)}
	store := postgres.NewWebhooks(b.db)
	now := apptest.ClockFunc(func() time.Time { return time.Now().UTC() })
	if opts.Poll == 0 {
		opts.Poll = 50 * time.Millisecond
	}
	if opts.Backoff.Min == 0 {
		opts.Backoff = webhook.Backoff{Min: 100 * time.Millisecond, Max: 400 * time.Millisecond}
	}
	newDispatcher := func() *command.WebhookDispatcher {
		dispatch := command.NewDispatchWebhook(store, webhookhttp.NewSender(webhookhttp.Options{Timeout: timeout, AllowPrivate: true}), now, b.log, opts.Backoff)
		return command.NewWebhookDispatcher(store, dispatch, b.log, opts)
	}
	d := newDispatcher()
	dctx, stopDispatch := context.WithCancel(t.Context())
	stopped := make(chan struct{})
	go func() { defer close(stopped); _ = d.Run(dctx) }()
	fanOut := command.NewFanOutWebhookEvent(store, now, d.Wake)
	c, err := coursekafka.NewWebhooksConsumer(b.cfg, []string{b.topic}, b.k.Group("webhooks"), fanOut, b.log)
	require.NoError(t, err)
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		require.NoError(t, <-done)
	})
	ids := apptest.IDFunc(func() string { return testkit.UniqueName("id") })
	keys := func() ([]byte, error) { return []byte(testkit.UniqueName("key-of-at-least-24-bytes")), nil }
	return webhookBench{
		bench:           b,
		store:           store,
		registerWebhook: command.NewRegisterWebhook(store, now, ids, keys, events.Types(), webhook.URLPolicy{AllowPrivate: true}),
		replay:          command.NewReplayWebhook(store, store, eventlog.NewReader(b.cfg, b.log), []string{b.topic}, now, ids, d.Wake),
		restart: func() {
			stopDispatch()
			<-stopped
			go func() { _ = newDispatcher().Run(t.Context()) }()
		},
	}
}

// publisher returns a producer on the bench's broker, closed with the test.
func (b webhookBench) publisher(t testing.TB) *lmskafka.Producer {
	t.Helper()
	p, err := lmskafka.NewProducer(b.cfg, b.log)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// register registers url for the enrollment events and returns it.
func (b webhookBench) register(t testing.TB, url string) webhook.Endpoint {
	t.Helper()
	e, err := b.registerWebhook.Handle(t.Context(), command.RegisterWebhookInput{Caller: admin, URL: url,
		EventTypes: []string{events.TypeEnrollmentActivated, events.TypeEnrollmentDropped}})
	require.NoError(t, err)
	return e
}

// enrollmentEvents returns n events of each of subjects, alternating
// between the subjects, each keyed by its subject.
func enrollmentEvents(t testing.TB, topic string, subjects []string, n int) []events.Event {
	t.Helper()
	var out []events.Event
	for i := range n {
		for _, s := range subjects {
			typ, data := events.TypeEnrollmentActivated, any(events.EnrollmentActivated{EnrollmentID: s, CourseID: "c1", StudentID: "s-" + s, ActivatedAt: time.Now().UTC()})
			if i%2 == 1 {
				typ, data = events.TypeEnrollmentDropped, events.EnrollmentDropped{EnrollmentID: s, CourseID: "c1", StudentID: "s-" + s, DroppedAt: time.Now().UTC()}
			}
			ev, err := events.New(topic, typ, events.SourceCourse, s, "enrollments/"+s, data, time.Now().UTC())
			require.NoError(t, err)
			out = append(out, ev)
		}
	}
	return out
}

// receiver is an integrator's endpoint: it verifies every request with the
// Standard Webhooks reference library and keeps the ids it acknowledged.
type receiver struct {
	mu       sync.Mutex
	secret   string
	fail     int
	calls    int
	accepted []delivered
	bad      []string
}

type delivered struct {
	ID, Subject, Type string
	Replayed          bool
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	wh, err := standardwebhooks.NewWebhook(r.secret)
	if err == nil {
		err = wh.Verify(body, req.Header)
	}
	if err != nil {
		r.bad = append(r.bad, err.Error())
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.calls <= r.fail {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("not today"))
		return
	}
	var ce struct{ ID, Type, Subject string }
	_ = json.Unmarshal(body, &ce)
	if ce.ID != req.Header.Get("webhook-id") {
		r.bad = append(r.bad, "webhook-id is not the event id")
	}
	r.accepted = append(r.accepted, delivered{ID: ce.ID, Subject: ce.Subject, Type: ce.Type})
	w.WriteHeader(http.StatusNoContent)
}

func (r *receiver) got() []delivered {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.accepted)
}

// serve runs r on loopback until the test ends and sets its secret once
// the endpoint is registered.
func serve(t testing.TB, r *receiver) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

func (r *receiver) setSecret(s webhook.Secret) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secret = string(s)
}

// inOrderOnce requires got to hold every event of want once, each
// subject's in the order of want.
func inOrderOnce(t *testing.T, want []events.Event, got []delivered) {
	t.Helper()
	ids := make([]string, 0, len(got))
	for _, g := range got {
		ids = append(ids, g.ID)
	}
	wantIDs := make([]string, 0, len(want))
	for _, w := range want {
		wantIDs = append(wantIDs, w.ID)
	}
	require.ElementsMatch(t, wantIDs, ids, "every event once")
	bySubject := map[string][]string{}
	for _, g := range got {
		bySubject[g.Subject] = append(bySubject[g.Subject], g.ID)
	}
	for _, w := range want {
		s := bySubject[w.Subject]
		require.NotEmpty(t, s)
		require.Equal(t, w.ID, s[0], "subject %s in order", w.Subject)
		bySubject[w.Subject] = s[1:]
	}
}

func TestWebhooks_AReceiverFailingThreeTimesGetsEveryEventOnceInOrderSigned(t *testing.T) {
	t.Parallel()
	b := newWebhookBench(t, 3, 5*time.Second, command.WebhookDispatcherOptions{})
	r := &receiver{fail: 3}
	e := b.register(t, serve(t, r).URL+"/lms")
	r.setSecret(e.Secret)
	// A second endpoint that wants nothing of this.
	_, err := b.registerWebhook.Handle(t.Context(), command.RegisterWebhookInput{Caller: admin, URL: "http://127.0.0.1:9/other",
		EventTypes: []string{events.TypeUserRegistered}})
	require.NoError(t, err)

	evs := enrollmentEvents(t, b.topic, []string{"e1", "e2", "e3"}, 4)
	// Each event published twice, as a producer retry would.
	require.NoError(t, b.publisher(t).Publish(t.Context(), append(slices.Clone(evs), evs...)))

	require.Eventually(t, func() bool { return len(r.got()) >= len(evs) }, 30*time.Second, 50*time.Millisecond)
	require.Eventually(t, func() bool {
		log, err := b.store.Deliveries(t.Context(), e.ID, 0, 100)
		require.NoError(t, err)
		for _, d := range log {
			if d.Status != webhook.StatusDelivered {
				return false
			}
		}
		return len(log) == len(evs)
	}, 10*time.Second, 50*time.Millisecond, "the log shows every delivery delivered")
	inOrderOnce(t, evs, r.got())
	r.mu.Lock()
	require.Empty(t, r.bad, "every signature verifies with the reference library")
	require.Equal(t, len(evs)+3, r.calls, "three failures, then each event once")
	r.mu.Unlock()

	log, err := b.store.Deliveries(t.Context(), e.ID, 0, 100)
	require.NoError(t, err)
	retried := 0
	for _, d := range log {
		require.Equal(t, 204, d.LastCode)
		require.Nil(t, d.NextAttemptAt)
		retried += d.Attempts - 1
	}
	require.Equal(t, 3, retried, "the log counts the three failed attempts")
}

func TestWebhooks_AReceiverDownForTheWholeTestDoesNotDelayAnother(t *testing.T) {
	t.Parallel()
	// A request may take 30 s: the hanging endpoint holds its senders that
	// long, the refused one fails at once and is retried.
	b := newWebhookBench(t, 3, 30*time.Second, command.WebhookDispatcherOptions{Senders: 8, PerEndpoint: 2})
	hang := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(hang) })
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL
	refused.Close()
	healthy := &receiver{}
	b.register(t, hanging.URL)
	b.register(t, refusedURL)
	e := b.register(t, serve(t, healthy).URL)
	healthy.setSecret(e.Secret)

	evs := enrollmentEvents(t, b.topic, []string{"e1", "e2", "e3", "e4", "e5", "e6"}, 3)
	require.NoError(t, b.publisher(t).Publish(t.Context(), evs))
	require.Eventually(t, func() bool { return len(healthy.got()) == len(evs) }, 15*time.Second, 50*time.Millisecond,
		"the healthy receiver gets everything while the others hang or refuse (their timeout is 30 s)")
	inOrderOnce(t, evs, healthy.got())
}

func TestWebhooks_AReplaySendsATopicsEventsFromATimeMarkedAsReplayed(t *testing.T) {
	t.Parallel()
	b := newWebhookBench(t, 2, 5*time.Second, command.WebhookDispatcherOptions{})
	before := enrollmentEvents(t, b.topic, []string{"old"}, 2)
	require.NoError(t, b.publisher(t).Publish(t.Context(), before))
	from := time.Now().UTC()
	evs := enrollmentEvents(t, b.topic, []string{"e1", "e2"}, 3)
	require.NoError(t, b.publisher(t).Publish(t.Context(), evs))

	// Registered after the events: it gets them only by a replay.
	r := &receiver{}
	e := b.register(t, serve(t, r).URL)
	r.setSecret(e.Secret)
	_, err := b.replay.Handle(t.Context(), command.ReplayWebhookInput{Caller: caller.Caller{UserID: "t", Roles: []string{course.RoleTeacher}},
		Endpoint: e.ID, Topic: b.topic, From: from})
	require.ErrorIs(t, err, webhook.ErrAdminOnly)
	_, err = b.replay.Handle(t.Context(), command.ReplayWebhookInput{Caller: admin, Endpoint: e.ID, Topic: "lms.other.v1", From: from})
	require.ErrorIs(t, err, webhook.ErrBadReplay)

	res, err := b.replay.Handle(t.Context(), command.ReplayWebhookInput{Caller: admin, Endpoint: e.ID, Topic: b.topic, From: from})
	require.NoError(t, err)
	require.Equal(t, len(evs), res.Queued, "the events from the time on, none before")
	require.Eventually(t, func() bool { return len(r.got()) == len(evs) }, 20*time.Second, 50*time.Millisecond)
	inOrderOnce(t, evs, r.got())
	log, err := b.store.Deliveries(t.Context(), e.ID, 0, 100)
	require.NoError(t, err)
	for _, d := range log {
		require.Equal(t, res.ReplayID, d.ReplayID, "marked as replayed")
	}

	all, err := b.replay.Handle(t.Context(), command.ReplayWebhookInput{Caller: admin, Endpoint: e.ID, Topic: b.topic,
		From: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	require.Equal(t, len(before)+len(evs), all.Queued, "a time before the topic began replays all it retains")
}

func TestWebhooks_WhatAnEndpointHasNotAcknowledgedOutlivesARestart(t *testing.T) {
	t.Parallel()
	b := newWebhookBench(t, 3, 5*time.Second, command.WebhookDispatcherOptions{})
	r := &receiver{fail: 1 << 30}
	e := b.register(t, serve(t, r).URL)
	r.setSecret(e.Secret)
	evs := enrollmentEvents(t, b.topic, []string{"e1", "e2"}, 3)
	require.NoError(t, b.publisher(t).Publish(t.Context(), evs))
	require.Eventually(t, func() bool {
		log, err := b.store.Deliveries(t.Context(), e.ID, 0, 100)
		require.NoError(t, err)
		return len(log) == len(evs) && log[len(log)-1].Attempts >= 2
	}, 20*time.Second, 50*time.Millisecond, "queued, and the first tries refused")

	b.restart()
	r.mu.Lock()
	r.fail = 0
	r.mu.Unlock()
	require.Eventually(t, func() bool { return len(r.got()) == len(evs) }, 20*time.Second, 50*time.Millisecond,
		"the new dispatcher delivers what the old one had pending")
	inOrderOnce(t, evs, r.got())
}
