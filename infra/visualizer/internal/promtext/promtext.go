// Package promtext reads what a service's /metrics says about the requests
// it answered (the families of lms/shared/reqmetrics, whatever the
// service's prefix) and turns two readings into rates and latencies.
package promtext

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// opsRoutes are the operational endpoints; scrapes and probes are not the
// traffic anyone wants to see.
var opsRoutes = []string{"/metrics", "/healthz", "/readyz"}

// serverFaults are the gRPC codes that mean the server failed, not the
// caller.
var serverFaults = []string{"Internal", "Unknown", "DataLoss", "Unavailable", "DeadlineExceeded"}

// Bucket is one cumulative histogram bucket: Count requests took at most
// UpperBound seconds.
type Bucket struct {
	UpperBound float64
	Count      float64
}

// Sample is one reading of a service's request metrics.
type Sample struct {
	At time.Time
	// Found is false when the service exposes no request metrics at all.
	Found    bool
	Requests float64
	Errors   float64
	// Buckets merge the latency histograms of every route, sorted by bound.
	Buckets []Bucket
}

// Parse reads a Prometheus text exposition.
func Parse(r io.Reader, at time.Time) (Sample, error) {
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(r)
	if err != nil {
		return Sample{}, fmt.Errorf("parse metrics: %w", err)
	}
	s := Sample{At: at}
	buckets := map[float64]float64{}
	for name, fam := range families {
		switch {
		case strings.HasSuffix(name, "_http_requests_total") || strings.HasSuffix(name, "_grpc_requests_total"):
			s.Found = true
			for _, m := range fam.GetMetric() {
				if isOps(m) {
					continue
				}
				v := m.GetCounter().GetValue()
				s.Requests += v
				if isError(m) {
					s.Errors += v
				}
			}
		case strings.HasSuffix(name, "_http_request_duration_seconds") || strings.HasSuffix(name, "_grpc_request_duration_seconds"):
			for _, m := range fam.GetMetric() {
				if isOps(m) {
					continue
				}
				for _, b := range m.GetHistogram().GetBucket() {
					buckets[b.GetUpperBound()] += float64(b.GetCumulativeCount())
				}
			}
		}
	}
	for le, n := range buckets {
		s.Buckets = append(s.Buckets, Bucket{UpperBound: le, Count: n})
	}
	slices.SortFunc(s.Buckets, func(a, b Bucket) int {
		switch {
		case a.UpperBound < b.UpperBound:
			return -1
		case a.UpperBound > b.UpperBound:
			return 1
		}
		return 0
	})
	return s, nil
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

func isOps(m *dto.Metric) bool { return slices.Contains(opsRoutes, label(m, "route")) }

func isError(m *dto.Metric) bool {
	if st := label(m, "status"); st != "" {
		return strings.HasPrefix(st, "5")
	}
	return slices.Contains(serverFaults, label(m, "code"))
}

// Stats are a service's request rates between two readings.
type Stats struct {
	RequestsPerSecond float64 `json:"requests_per_second"`
	ErrorsPerSecond   float64 `json:"errors_per_second"`
	// ErrorRatio is the share of requests that failed on the server's side.
	ErrorRatio float64 `json:"error_ratio"`
	// P50 and P95 are latencies in seconds, estimated from the histogram
	// buckets as Prometheus' histogram_quantile does; 0 without requests.
	P50 float64 `json:"p50_seconds"`
	P95 float64 `json:"p95_seconds"`
}

// Between computes the rates from prev to cur. A counter that went down
// means the service restarted: cur then counts from zero.
func Between(prev, cur Sample) Stats {
	dt := cur.At.Sub(prev.At).Seconds()
	if dt <= 0 {
		return Stats{}
	}
	restarted := cur.Requests < prev.Requests
	base := prev
	if restarted {
		base = Sample{}
	}
	reqs := cur.Requests - base.Requests
	errs := max(cur.Errors-base.Errors, 0)
	st := Stats{RequestsPerSecond: reqs / dt, ErrorsPerSecond: errs / dt}
	if reqs > 0 {
		st.ErrorRatio = errs / reqs
	}
	delta := make([]Bucket, 0, len(cur.Buckets))
	for _, b := range cur.Buckets {
		delta = append(delta, Bucket{UpperBound: b.UpperBound, Count: b.Count - countAt(base.Buckets, b.UpperBound)})
	}
	st.P50 = Quantile(0.5, delta)
	st.P95 = Quantile(0.95, delta)
	return st
}

func countAt(bs []Bucket, le float64) float64 {
	for _, b := range bs {
		if b.UpperBound == le {
			return b.Count
		}
	}
	return 0
}

// Quantile estimates the q-quantile of cumulative buckets sorted by bound,
// interpolating linearly inside the bucket it falls in. A quantile in the
// +Inf bucket is the highest finite bound.
func Quantile(q float64, buckets []Bucket) float64 {
	if len(buckets) == 0 {
		return 0
	}
	total := buckets[len(buckets)-1].Count
	if total <= 0 {
		return 0
	}
	rank := q * total
	lowerBound, lowerCount := 0.0, 0.0
	for _, b := range buckets {
		if b.Count >= rank {
			if math.IsInf(b.UpperBound, 1) {
				return lowerBound
			}
			if b.Count == lowerCount {
				return b.UpperBound
			}
			return lowerBound + (b.UpperBound-lowerBound)*(rank-lowerCount)/(b.Count-lowerCount)
		}
		lowerBound, lowerCount = b.UpperBound, b.Count
	}
	return lowerBound
}
