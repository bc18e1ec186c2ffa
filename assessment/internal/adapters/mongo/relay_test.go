package mongo_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/events"
	"lms/shared/flows"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

// recorder records what the relay hands on, and can fail or act on demand.
type recorder struct {
	mu        sync.Mutex
	log       []string
	events    []events.Event
	failNext  error
	onStarted func()
}

func (r *recorder) Publish(_ context.Context, evs []events.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.failNext; err != nil {
		r.failNext = nil
		return err
	}
	for _, ev := range evs {
		r.log = append(r.log, "event "+ev.Type)
		r.events = append(r.events, ev)
	}
	return nil
}

func (r *recorder) StartAttempt(_ context.Context, in flows.AttemptInput) error {
	r.mu.Lock()
	r.log = append(r.log, "start "+flows.AttemptWorkflowID(in.AttemptID))
	hook := r.onStarted
	r.onStarted = nil
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
	return nil
}

func (r *recorder) Signal(_ context.Context, workflowID, signal string, payload any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	line := "signal " + workflowID + " " + signal
	if ext, ok := payload.(flows.DeadlineExtended); ok {
		line += " " + ext.Deadline.UTC().Format(time.RFC3339)
	}
	r.log = append(r.log, line)
	return nil
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.log)
}

// startedAttempt stores a published test and an attempt a1 at it.
func startedAttempt(t *testing.T, s *mongo.Store) exam.Version {
	t.Helper()
	tt, err := exam.New("t1", "c1", "teacher", apptest.SampleContent(), apptest.T0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(apptest.T0))
	tt.PopEvents()
	require.NoError(t, s.Tests().Add(t.Context(), tt))
	require.NoError(t, s.Tests().MarkInUse(t.Context(), "t1", 1))
	tt, err = s.Tests().Get(t.Context(), "t1")
	require.NoError(t, err)
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Now: apptest.T0})
	require.NoError(t, err)
	require.NoError(t, s.Attempts().Add(t.Context(), a))
	return tt.Current()
}

func submit(t *testing.T, s *mongo.Store, v exam.Version) {
	t.Helper()
	require.NoError(t, s.Attempts().Update(t.Context(), "a1", func(a *attempt.Attempt) error {
		_, err := a.Submit(v, attempt.ByStudent, apptest.T0.Add(time.Minute))
		return err
	}))
}

func TestRelay_HandsOnEveryItemInOrderOnce(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	rec := &recorder{}
	relay := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
	v := startedAttempt(t, s)
	submit(t, s, v)

	n, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, 6, n, "four to Kafka and Temporal, and the attempt's summary after each of its two writes")
	require.Equal(t, []string{
		"event " + events.TypeAttemptStarted,
		"start attempt-a1",
		"event " + events.TypeAttemptSubmitted,
		"signal attempt-a1 " + flows.SignalAttemptSubmitted,
	}, rec.seen())

	n, err = relay.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "handed-on items are gone")
}

func TestRelay_KeepsItemsAFailureLeftAndRetriesThem(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	rec := &recorder{failNext: errors.New("brokers down")}
	relay := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
	startedAttempt(t, s)

	_, err := relay.Drain(t.Context())
	require.Error(t, err)
	require.Empty(t, rec.seen())
	n, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, 3, n, "the event, the start and the summary")
	require.Equal(t, []string{"event " + events.TypeAttemptStarted, "start attempt-a1"}, rec.seen())
}

func TestRelay_LosesNothingWrittenWhileItRelays(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	rec := &recorder{}
	relay := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
	v := startedAttempt(t, s)
	// The student submits while the relay is starting the workflow.
	rec.onStarted = func() { submit(t, s, v) }

	_, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, []string{
		"event " + events.TypeAttemptStarted,
		"start attempt-a1",
		"event " + events.TypeAttemptSubmitted,
		"signal attempt-a1 " + flows.SignalAttemptSubmitted,
	}, rec.seen())
	a, err := s.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Equal(t, attempt.StateSubmitted, a.State(), "the relay's writes never undo the submission")
}

// prefixed publishes to the test's own copy of each topic.
type prefixed struct {
	p      *lmskafka.Producer
	prefix string
}

func (p prefixed) Publish(ctx context.Context, evs []events.Event) error {
	out := make([]events.Event, len(evs))
	for i, ev := range evs {
		ev.Topic = p.prefix + "." + ev.Topic
		out[i] = ev
	}
	return p.p.Publish(ctx, out)
}

func TestRelay_PublishesCloudEventsToKafka(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	k := testkit.NewKafka(t)
	topic := k.Topic(t, events.TopicAssessment, 3)
	k.Topic(t, events.TopicAssessment+events.DeadLetterSuffix, 1)
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	producer, err := lmskafka.NewProducer(lmskafka.Config{Brokers: k.Brokers, ClientID: "test", Linger: time.Millisecond}, log)
	require.NoError(t, err)
	t.Cleanup(producer.Close)
	rec := &recorder{}
	relay := s.NewRelay(prefixed{p: producer, prefix: k.Prefix}, rec, mongo.RelayOptions{}, log)
	v := startedAttempt(t, s)
	submit(t, s, v)
	_, err = relay.Drain(t.Context())
	require.NoError(t, err)

	var mu sync.Mutex
	var got []events.Event
	c, err := lmskafka.NewConsumer(lmskafka.Config{Brokers: k.Brokers, ClientID: "test"},
		lmskafka.ConsumerOptions{Group: k.Group("reader"), Topics: []string{topic}}, func(_ context.Context, ev events.Event) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, ev)
			return nil
		}, log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 2
	}, 30*time.Second, 50*time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, events.TypeAttemptStarted, got[0].Type)
	require.Equal(t, "a1", got[0].Key, "keyed by attempt, so its events stay in order")
	started, err := events.DataAs[events.AttemptStarted](got[0])
	require.NoError(t, err)
	require.Equal(t, "s1", started.StudentID)
	require.Equal(t, apptest.T0.Add(time.Hour), *started.DeadlineAt)
	submitted, err := events.DataAs[events.AttemptSubmitted](got[1])
	require.NoError(t, err)
	require.False(t, submitted.Automatic)
}
