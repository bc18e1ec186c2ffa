package kafka_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
)

// webhookEvents is how many events one run publishes: 200 subjects (an
// enrollment each) of 10 events.
const webhookEvents = 2000

// BenchmarkWebhookThroughput publishes 2,000 enrollment events (200
// subjects of 10 events, six partitions) and delivers them to receivers on
// loopback that acknowledge at once, with the production dispatcher's
// defaults (8 in flight per endpoint): one endpoint, then four
// endpoints that each want every event. It reports the time from the
// publication to the last acknowledgement and the deliveries a second.
func BenchmarkWebhookThroughput(b *testing.B) {
	for _, endpoints := range []int{1, 4} {
		b.Run(fmt.Sprintf("endpoints=%d", endpoints), func(b *testing.B) {
			for range b.N {
				webhookThroughput(b, endpoints)
			}
		})
	}
}

func webhookThroughput(b *testing.B, endpoints int) {
	b.Helper()
	bench := newWebhookBench(b, 6, 10*time.Second, command.WebhookDispatcherOptions{Poll: time.Second})
	var acked atomic.Int64
	for range endpoints {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			acked.Add(1)
			w.WriteHeader(http.StatusNoContent)
		}))
		b.Cleanup(srv.Close)
		bench.register(b, srv.URL)
	}
	subjects := make([]string, 200)
	for i := range subjects {
		subjects[i] = fmt.Sprintf("e%03d", i)
	}
	evs := enrollmentEvents(b, bench.topic, subjects, webhookEvents/len(subjects))
	want := int64(len(evs) * endpoints)
	producer := bench.publisher(b)
	start := time.Now()
	require.NoError(b, producer.Publish(b.Context(), evs))
	require.Eventually(b, func() bool { return acked.Load() >= want }, 10*time.Minute, 10*time.Millisecond)
	elapsed := time.Since(start)
	b.ReportMetric(elapsed.Seconds(), "s_to_last")
	b.ReportMetric(float64(want)/elapsed.Seconds(), "deliveries/s")
	b.Logf("%d deliveries (%d events x %d endpoints) in %s: %.0f a second", want, len(evs), endpoints, elapsed.Round(time.Millisecond),
		float64(want)/elapsed.Seconds())
}
