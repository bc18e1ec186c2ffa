// Package live keeps the visualizer's picture of the running LMS: the
// students' flow and the event rates from Kafka, the consumers' lag, the
// running workflows from Temporal, each service's request rates from its
// /metrics, and the simulator's progress. Sources write into a Board; the
// web side reads Snapshots of it.
package live

import (
	"slices"
	"sync"
	"time"

	"lms/infra/visualizer/internal/flow"
	"lms/infra/visualizer/internal/promtext"
	"lms/infra/visualizer/internal/rate"
	"lms/shared/events"
)

// rateWindow is how far back the event rates look.
const rateWindow = 10 * time.Second

// simKept is how long a simulation's last progress stays on the page after
// its last report.
const simKept = 10 * time.Minute

// Board is the live picture; safe for concurrent use.
type Board struct {
	mu        sync.Mutex
	now       func() time.Time
	flow      *flow.Board
	topics    map[string]*topicStats
	lags      []Lag
	workflows Workflows
	services  map[string]Service
	sims      map[string]simEntry
	sources   map[string]string
	// moves are the rates of the steps people take, by event type.
	moves map[string]*rate.Window
}

// Moves names the steps whose rates the page shows, by the event that
// marks each.
var Moves = map[string]string{
	events.TypeUserRegistered:      "registrations",
	events.TypeEnrollmentActivated: "enrollments",
	events.TypeAttemptStarted:      "exam_starts",
	events.TypeAttemptSubmitted:    "submissions",
	events.TypeAttemptGraded:       "gradings",
	events.TypeEnrollmentCompleted: "completions",
}

type topicStats struct {
	window *rate.Window
	total  int
	read   bool
}

type simEntry struct {
	progress SimProgress
	seen     time.Time
}

// NewBoard returns an empty board that watches topics (each with its
// dead-letter topic). now is the clock.
func NewBoard(topics []string, now func() time.Time) *Board {
	b := &Board{now: now, flow: flow.NewBoard(), topics: map[string]*topicStats{},
		services: map[string]Service{}, sims: map[string]simEntry{}, sources: map[string]string{},
		moves: map[string]*rate.Window{}}
	for _, name := range Moves {
		b.moves[name] = rate.NewWindow(rateWindow)
	}
	for _, t := range topics {
		b.topics[t] = &topicStats{window: rate.NewWindow(rateWindow)}
		b.topics[events.DeadLetter(t)] = &topicStats{window: rate.NewWindow(rateWindow)}
	}
	return b
}

// Event records one message of topic, written at the given time, and, when
// it is a domain event, folds it into the flow.
func (b *Board) Event(topic string, at time.Time, ev *events.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ts, ok := b.topics[topic]
	if !ok {
		ts = &topicStats{window: rate.NewWindow(rateWindow)}
		b.topics[topic] = ts
	}
	ts.total++
	ts.window.Add(at, 1)
	if ev != nil && b.flow.Apply(*ev) {
		if name, ok := Moves[ev.Type]; ok {
			b.moves[name].Add(at, 1)
		}
	}
}

// Restart forgets what was read from Kafka, before a reader reads the topics
// again from the beginning, so nothing is counted twice.
func (b *Board) Restart() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flow = flow.NewBoard()
	for name := range b.topics {
		b.topics[name] = &topicStats{window: rate.NewWindow(rateWindow)}
	}
	for name := range b.moves {
		b.moves[name] = rate.NewWindow(rateWindow)
	}
}

// CaughtUp marks a topic as read up to the end it had when reading began.
func (b *Board) CaughtUp(topic string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ts, ok := b.topics[topic]; ok {
		ts.read = true
	}
}

// SetLags replaces the consumer groups' lag.
func (b *Board) SetLags(lags []Lag) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lags = lags
}

// SetWorkflows replaces the workflows' picture.
func (b *Board) SetWorkflows(w Workflows) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.workflows = w
}

// SetService records a service's latest rates, or that it did not answer
// (err non-nil).
func (b *Board) SetService(name string, st promtext.Stats, hasMetrics bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := Service{Name: name, Up: err == nil, HasMetrics: hasMetrics, Stats: st}
	if err != nil {
		s.Error = err.Error()
	}
	b.services[name] = s
}

// SetSource records whether a source (kafka, temporal, metrics) works: ""
// when it does, else what went wrong.
func (b *Board) SetSource(name, problem string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sources[name] = problem
}

// Sim records a simulator's progress report.
func (b *Board) Sim(p SimProgress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sims[p.RunID] = simEntry{progress: p, seen: b.now()}
}

// Snapshot returns the whole picture at this moment.
func (b *Board) Snapshot() Snapshot {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	s := Snapshot{
		At:        now.UTC(),
		States:    flow.States(),
		People:    b.flow.Counts(),
		Totals:    b.flow.Totals(),
		Lags:      slices.Clone(b.lags),
		Workflows: b.workflows,
		Sources:   map[string]string{},
		PerSecond: map[string]float64{},
	}
	for name, w := range b.moves {
		s.PerSecond[name] = w.PerSecond(now)
	}
	for name, ts := range b.topics {
		s.Topics = append(s.Topics, Topic{Name: name, EventsPerSecond: ts.window.PerSecond(now), Total: ts.total, CaughtUp: ts.read})
	}
	slices.SortFunc(s.Topics, func(a, b Topic) int { return compare(a.Name, b.Name) })
	for _, sv := range b.services {
		s.Services = append(s.Services, sv)
	}
	slices.SortFunc(s.Services, func(a, b Service) int { return compare(a.Name, b.Name) })
	for id, e := range b.sims {
		if now.Sub(e.seen) > simKept {
			delete(b.sims, id)
			continue
		}
		p := e.progress
		p.Stale = !p.Done && now.Sub(e.seen) > 5*time.Second
		s.Sims = append(s.Sims, p)
	}
	slices.SortFunc(s.Sims, func(a, b SimProgress) int { return compare(b.StartedAt, a.StartedAt) })
	for k, v := range b.sources {
		s.Sources[k] = v
	}
	return s
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
