package live

import (
	"time"

	"lms/infra/visualizer/internal/flow"
	"lms/infra/visualizer/internal/promtext"
)

// Snapshot is the picture the page draws, sent to it once a second.
type Snapshot struct {
	At     time.Time          `json:"at"`
	States []flow.State       `json:"states"`
	People map[flow.State]int `json:"people"`
	Totals flow.Totals        `json:"totals"`
	// PerSecond are the rates of the steps in Moves over the last 10 s.
	PerSecond map[string]float64 `json:"per_second"`
	Topics    []Topic            `json:"topics"`
	Lags      []Lag              `json:"lags"`
	Workflows Workflows          `json:"workflows"`
	Services  []Service          `json:"services"`
	Sims      []SimProgress      `json:"sims"`
	// Sources maps each source to "" when it works, else its last problem.
	Sources map[string]string `json:"sources"`
}

// Topic is one Kafka topic's traffic.
type Topic struct {
	Name            string  `json:"name"`
	EventsPerSecond float64 `json:"events_per_second"`
	// Total is how many messages the visualizer read since it started
	// (from the beginning of the topic).
	Total int `json:"total"`
	// CaughtUp is true once the history present at start is read.
	CaughtUp bool `json:"caught_up"`
}

// Lag is how many messages a consumer group has yet to handle on a topic.
type Lag struct {
	Group string `json:"group"`
	Topic string `json:"topic"`
	Lag   int64  `json:"lag"`
	// Active is false when no member of the group runs.
	Active bool `json:"active"`
}

// Workflows is what Temporal's visibility API says.
type Workflows struct {
	ByType []WorkflowType `json:"by_type"`
	// CompletedWindowSeconds is how far back WorkflowType.Completed counts.
	CompletedWindowSeconds int64 `json:"completed_window_seconds"`
	// Recent are the latest started running workflows, newest first.
	Recent []Workflow `json:"recent"`
}

// WorkflowType counts one workflow type's executions.
type WorkflowType struct {
	Type    string `json:"type"`
	Running int64  `json:"running"`
	// Completed counts those completed within the last
	// Workflows.CompletedWindowSeconds.
	Completed int64 `json:"completed"`
	Failed    int64 `json:"failed"`
}

// Workflow is one execution, with its page in Temporal's web UI.
type Workflow struct {
	ID        string    `json:"id"`
	RunID     string    `json:"run_id"`
	Type      string    `json:"type"`
	StartedAt time.Time `json:"started_at"`
	URL       string    `json:"url"`
}

// Service is one process's request rates.
type Service struct {
	Name string `json:"name"`
	// Up is false when its /metrics did not answer.
	Up bool `json:"up"`
	// HasMetrics is false for a process that counts no requests (the worker).
	HasMetrics bool   `json:"has_metrics"`
	Error      string `json:"error,omitempty"`
	promtext.Stats
}

// SimProgress is what the simulator reports while it runs (the contract in
// docs/visualizer.md).
type SimProgress struct {
	RunID             string         `json:"run_id"`
	Scenario          string         `json:"scenario"`
	Seed              uint64         `json:"seed"`
	StartedAt         string         `json:"started_at"`
	ElapsedSeconds    float64        `json:"elapsed_seconds"`
	Done              bool           `json:"done"`
	Students          int            `json:"students"`
	States            map[string]int `json:"states"`
	RequestsPerSecond float64        `json:"requests_per_second"`
	RequestsTotal     int64          `json:"requests_total"`
	ErrorsTotal       int64          `json:"errors_total"`
	Violations        int64          `json:"violations"`
	// Stale is set by the visualizer when a run stopped reporting before it
	// said it was done.
	Stale bool `json:"stale"`
}
