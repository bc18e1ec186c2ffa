package outbox_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/outbox"
	"lms/shared/postgres"
	"lms/shared/testkit"
)

// The crash test runs the relay in a child process: the test binary started
// again with these variables set runs crashingRelay instead of the tests.
const (
	envCrashSchema  = "LMS_OUTBOX_CRASH_SCHEMA"
	envCrashBrokers = "LMS_OUTBOX_CRASH_BROKERS"
	crashBatch      = 50
	crashSignal     = "published part of a batch"
)

func TestMain(m *testing.M) {
	if schema := os.Getenv(envCrashSchema); schema != "" {
		os.Exit(crashingRelay(schema, os.Getenv(envCrashBrokers)))
	}
	os.Exit(m.Run())
}

// halfPublisher lets the first two batches through; of the third it publishes
// only the first half, says so on stdout and hangs, waiting to be killed
// before the relay can mark the batch sent.
type halfPublisher struct {
	pub     outbox.Publisher
	batches int
}

func (p *halfPublisher) Publish(ctx context.Context, evs []events.Event) error {
	p.batches++
	if p.batches < 3 {
		return p.pub.Publish(ctx, evs)
	}
	if err := p.pub.Publish(ctx, evs[:len(evs)/2]); err != nil {
		return err
	}
	fmt.Println(crashSignal)
	<-time.After(time.Minute) // the parent kills the process long before
	return errors.New("not killed")
}

func crashingRelay(schema, brokers string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx := context.Background()
	db, err := postgres.Open(ctx, postgres.Config{URL: testkit.Addresses().PostgresURL, Schema: schema, MaxConns: 4})
	if err != nil {
		log.Error("open postgres", "error", err.Error())
		return 2
	}
	producer, err := kafka.NewProducer(kafka.Config{Brokers: brokers, ClientID: "crashing-relay"}, log)
	if err != nil {
		log.Error("kafka producer", "error", err.Error())
		return 2
	}
	relay := outbox.NewRelay(db, &halfPublisher{pub: producer}, log, outbox.RelayOptions{BatchSize: crashBatch, DisableNotify: true})
	if err := relay.Run(ctx); err != nil {
		log.Error("relay", "error", err.Error())
	}
	return 3
}

func TestRelay_KilledMidBatchAndRestarted_AppliesEveryEventExactlyOnce(t *testing.T) {
	t.Parallel()
	s := newStack(t, 3)
	committed := s.appendEvents(t, 10, 20, 4) // 200 events, 4 batches of 50

	var mu sync.Mutex
	deliveries := map[string]int{}
	s.runConsumer(t, "effects", s.applyEffects(func(ev events.Event, _ bool) {
		mu.Lock()
		defer mu.Unlock()
		deliveries[ev.ID]++
	}))

	// The first relay publishes two batches and half of the third, then dies
	// by SIGKILL before it marks the third batch sent.
	child := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$") //nolint:gosec // the test binary itself
	child.Env = append(os.Environ(), envCrashSchema+"="+s.schema, envCrashBrokers+"="+s.kafka.Brokers)
	var stderr strings.Builder
	child.Stderr = &stderr
	stdout, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "the relay process ended early: %s", stderr.String())
	require.Equal(t, crashSignal, strings.TrimSpace(line))
	require.Equal(t, 2*crashBatch, s.count(t, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"),
		"the killed batch is published in part and not marked sent")
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	err = child.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	require.Equal(t, syscall.SIGKILL, exit.Sys().(syscall.WaitStatus).Signal())

	// A new relay picks up where the dead one committed.
	s.runRelay(t, s.producer(t), outbox.RelayOptions{BatchSize: crashBatch})
	require.Eventually(t, func() bool {
		return s.count(t, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0 &&
			s.count(t, "SELECT count(DISTINCT event_id) FROM effects") == len(committed)
	}, 30*time.Second, 20*time.Millisecond)
	// Every duplicate delivery has been seen once both copies went through.
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		total := 0
		for _, n := range deliveries {
			total += n
		}
		return total >= len(committed)+crashBatch/2
	}, 10*time.Second, 20*time.Millisecond)

	rows, err := s.db.QueryContext(t.Context(), "SELECT event_id, count(*) FROM effects GROUP BY event_id")
	require.NoError(t, err)
	defer func() { _ = rows.Close() }()
	effects := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		require.NoError(t, rows.Scan(&id, &n))
		effects[id] = n
	}
	require.NoError(t, rows.Err())
	require.Len(t, effects, len(committed))
	for _, ev := range committed {
		require.Equal(t, 1, effects[ev.ID], "event %s must have exactly one effect", ev.ID)
	}

	mu.Lock()
	defer mu.Unlock()
	duplicated := 0
	for _, ev := range committed {
		require.GreaterOrEqual(t, deliveries[ev.ID], 1)
		if deliveries[ev.ID] > 1 {
			duplicated++
		}
	}
	require.GreaterOrEqual(t, duplicated, crashBatch/2, "the events published before the kill reach the consumer twice")
}
