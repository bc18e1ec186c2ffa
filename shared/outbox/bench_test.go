package outbox_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/outbox"
)

// benchSetup is one shape of load on the event path.
type benchSetup struct {
	events    int // events committed per iteration
	rate      int // events per second the writers aim at; 0 is as fast as they can
	writers   int // goroutines committing, as concurrent requests would
	perTx     int // events per transaction, as a use case appends them
	courses   int // distinct keys per writer
	consumers int // members of the consumer group (replicas of a service)
}

// BenchmarkOutboxToEffect measures the whole event path of a PostgreSQL
// service: a use case commits a state change with its events in the outbox,
// the relay publishes them to Kafka, and a consumer group applies one
// idempotent effect per event (inbox claim and effect row in one
// transaction). Latency runs from the commit of an event to the commit of its
// effect. "burst" commits as fast as the writers can, which finds the
// throughput; "paced" offers a steady load below it, which shows the latency
// a user sees in normal operation.
func BenchmarkOutboxToEffect(b *testing.B) {
	b.Run("burst", func(b *testing.B) {
		benchOutboxToEffect(b, benchSetup{events: 10000, writers: 8, perTx: 2, courses: 50, consumers: 3})
	})
	b.Run("paced_500_per_s", func(b *testing.B) {
		benchOutboxToEffect(b, benchSetup{events: 5000, rate: 500, writers: 4, perTx: 2, courses: 50, consumers: 3})
	})
}

func benchOutboxToEffect(b *testing.B, setup benchSetup) {
	s := newStack(b, events.Partitions)
	ctx := b.Context()
	_, err := s.db.ExecContext(ctx, "CREATE TABLE lessons (course_id text NOT NULL, position int NOT NULL)")
	require.NoError(b, err)

	// Event number seq (in its data's position) commits at commitAt[seq] and
	// takes effect at effectAt[seq]; 0 is the warm-up event.
	total := b.N * setup.events
	commitAt := make([]time.Time, total+1)
	effectAt := make([]time.Time, total+1)
	var applied atomic.Int64
	for range setup.consumers {
		s.runConsumer(b, "effects", s.applyEffects(func(ev events.Event, first bool) {
			var d events.LessonPublished
			if first && json.Unmarshal(ev.Data, &d) == nil && d.Position <= total {
				effectAt[d.Position] = time.Now()
				applied.Add(1) // publishes effectAt to the reader below
			}
		}))
	}
	producer, err := kafka.NewProducer(kafka.Config{Brokers: s.kafka.Brokers, ClientID: "bench"}, testLogger(b))
	require.NoError(b, err)
	b.Cleanup(producer.Close)
	s.runRelay(b, producer, outbox.RelayOptions{})
	s.waitForGroup(b, "effects", setup.consumers)
	require.NoError(b, outbox.Append(ctx, s.db, s.lessonEvent(b, "warm-up", 0)))
	require.Eventually(b, func() bool { return applied.Load() == 1 }, 30*time.Second, 5*time.Millisecond)
	applied.Store(0)

	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		commitEvents(b, s, setup, i*setup.events+1, commitAt)
	}
	committed := time.Since(start)
	require.Eventually(b, func() bool { return applied.Load() == int64(total) }, 5*time.Minute, time.Millisecond)
	elapsed := time.Since(start)
	b.StopTimer()

	latencies := make([]time.Duration, 0, total)
	for seq := 1; seq <= total; seq++ {
		latencies = append(latencies, effectAt[seq].Sub(commitAt[seq]))
	}
	slices.Sort(latencies)
	p50, p99 := latencies[len(latencies)*50/100], latencies[len(latencies)*99/100]
	var relayP50, relayP99 float64
	require.NoError(b, s.db.NewRaw(`SELECT
		percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)),
		percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at))
		FROM outbox WHERE position > 1`).Scan(ctx, &relayP50, &relayP99))

	rate := float64(total) / elapsed.Seconds()
	b.ReportMetric(rate, "events/s")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(0, "ns/op")
	offered := "as fast as committed"
	if setup.rate > 0 {
		offered = fmt.Sprintf("offered %d/s", setup.rate)
	}
	fmt.Printf("outbox commit -> consumer effect, %s, %s: %d events (%d writers, %d per transaction, %d consumers): "+
		"%.0f events/s end to end (commits %.0f/s); commit -> effect p50 %.1fms p99 %.1fms; "+
		"in the outbox until published p50 %.1fms p99 %.1fms\n",
		b.Name(), offered, total, setup.writers, setup.perTx, setup.consumers, rate, float64(total)/committed.Seconds(),
		ms(p50), ms(p99), relayP50*1000, relayP99*1000)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// commitEvents commits setup.events lesson events numbered from first on,
// each transaction also inserting the lessons it announces, and records each
// event's commit time.
func commitEvents(b *testing.B, s stack, setup benchSetup, first int, commitAt []time.Time) {
	var next atomic.Int64
	next.Store(int64(first))
	end := first + setup.events
	start := time.Now()
	var wg sync.WaitGroup
	for w := range setup.writers {
		wg.Go(func() {
			for {
				seq := int(next.Add(int64(setup.perTx))) - setup.perTx
				if seq >= end {
					return
				}
				if setup.rate > 0 {
					// Paced: event seq is due at a fixed offset from the start.
					time.Sleep(time.Until(start.Add(time.Duration(seq-first) * time.Second / time.Duration(setup.rate))))
				}
				n := min(setup.perTx, end-seq)
				course := fmt.Sprintf("course-%d-%d", w, seq%setup.courses)
				evs := make([]events.Event, n)
				for j := range evs {
					evs[j] = s.lessonEvent(b, course, seq+j)
				}
				err := s.db.RunInTx(b.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
					if _, err := tx.NewRaw("INSERT INTO lessons (course_id, position) SELECT ?, generate_series(?::int, ?::int)",
						course, seq, seq+n-1).Exec(ctx); err != nil {
						return err
					}
					return outbox.Append(ctx, tx, evs...)
				})
				if err != nil {
					b.Error(err)
					return
				}
				now := time.Now()
				for j := range n {
					commitAt[seq+j] = now
				}
			}
		})
	}
	wg.Wait()
}
