package client

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Stats counts requests and errors and keeps every exchange's latency by
// operation.
type Stats struct {
	mu        sync.Mutex
	requests  int
	errors    int
	throttled int
	losses    int
	latencies map[string][]time.Duration
	statuses  map[string]map[int]int
}

// NewStats answers empty statistics.
func NewStats() *Stats {
	return &Stats{latencies: map[string][]time.Duration{}, statuses: map[string]map[int]int{}}
}

func (s *Stats) record(op string, status int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if status == 0 || status >= 500 {
		s.errors++
	}
	if status == 429 {
		s.throttled++
	}
	s.latencies[op] = append(s.latencies[op], d)
	if s.statuses[op] == nil {
		s.statuses[op] = map[int]int{}
	}
	s.statuses[op][status]++
}

func (s *Stats) lost() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.losses++
}

// Totals answers requests sent, errors (no answer or a 5xx) and 429s.
func (s *Stats) Totals() (requests, errors, throttled int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, s.errors, s.throttled
}

// Table formats latency percentiles and statuses per operation.
func (s *Stats) Table() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ops := make([]string, 0, len(s.latencies))
	for op := range s.latencies {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	var b strings.Builder
	_, _ = fmt.Fprintf(&b, "  %-18s %8s %9s %9s %9s %9s  %s\n", "operation", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers")
	for _, op := range ops {
		ls := slices.Clone(s.latencies[op])
		slices.Sort(ls)
		q := func(p float64) float64 {
			return float64(ls[min(len(ls)-1, int(p*float64(len(ls))))].Microseconds()) / 1000
		}
		codes := make([]int, 0, len(s.statuses[op]))
		for c := range s.statuses[op] {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		parts := make([]string, len(codes))
		for i, c := range codes {
			name := fmt.Sprint(c)
			if c == 0 {
				name = "no answer"
			}
			parts[i] = fmt.Sprintf("%s×%d", name, s.statuses[op][c])
		}
		_, _ = fmt.Fprintf(&b, "  %-18s %8d %9.1f %9.1f %9.1f %9.1f  %s\n", op, len(ls), q(0.5), q(0.9), q(0.99), q(1), strings.Join(parts, " "))
	}
	if s.losses > 0 {
		_, _ = fmt.Fprintf(&b, "  (%d answers dropped on purpose by flaky students and asked again)\n", s.losses)
	}
	return b.String()
}
