// Package engine runs a scenario against the LMS through its public REST API
// only: synthetic administrators, teachers and students act as real clients
// would, everything the system acknowledges goes into a ledger, and at the
// end the ledger is checked against what the API shows.
package engine

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lms/infra/sim/client"
	"lms/infra/sim/ledger"
	"lms/infra/sim/scenario"
)

// Config is one run.
type Config struct {
	Scenario *scenario.Scenario
	Seed     uint64
	// Students overrides the scenario's cohort when above 0.
	Students int
	// Speed divides every scenario duration.
	Speed         float64
	Gateway       string
	Visualizer    string
	AdminEmail    string
	AdminPassword string
	Chaos         []Fault
	// StackRoot is the repository whose infra/stack/stack.sh restarts parts.
	StackRoot string
	// StackName is the ports file's STACK_NAME: a second stack keeps its
	// pids under .stack/<StackName>/run (empty for the default stack).
	StackName string
	// Settle bounds the wait, after the horizon, for the system to finish
	// what was asked of it.
	Settle time.Duration
	// Out receives the progress lines and the report.
	Out io.Writer
}

// Result is a finished run.
type Result struct {
	RunID      string
	Students   int
	Elapsed    time.Duration
	Violations []ledger.Violation
	Faults     []FaultResult
	Requests   int
	Errors     int
	Ledger     map[string]int
	Stats      *client.Stats
	// Failures are people who could not go on (an error the API answered
	// that the scenario did not expect); they are reported, not hidden.
	Failures []string
}

// Green is a run without violations, failures or failed faults.
func (r Result) Green() bool {
	if len(r.Violations) > 0 || len(r.Failures) > 0 {
		return false
	}
	for _, f := range r.Faults {
		if f.Err != "" {
			return false
		}
	}
	return true
}

// run is the state shared by everyone in one run.
type run struct {
	cfg      Config
	sc       *scenario.Scenario
	id       string
	tag      string
	students int
	start    time.Time
	c        *client.Client
	stats    *client.Stats
	led      *ledger.Ledger

	admin    *person
	teachers []*person
	courses  []*course
	pupils   []*student

	// signups bounds registrations in flight: accounts are made long before
	// exam week, and a crowd registering within seconds only measures how
	// iam's password hashing queues.
	signups chan struct{}

	// attempts is every started attempt id, for the snoops to try.
	attemptsMu sync.Mutex
	attempts   []string

	// delay is how long seat decisions held the tests up, in nanoseconds.
	delay atomic.Int64

	failMu   sync.Mutex
	failures []string
}

// at answers the real moment of a scenario offset.
func (r *run) at(d time.Duration) time.Time { return r.start.Add(r.scale(d)) }

// scale answers a scenario duration in real time.
func (r *run) scale(d time.Duration) time.Duration {
	return time.Duration(float64(d) / r.cfg.Speed)
}

// horizon is the real moment after which nothing new starts: the
// scenario's, moved on by as long as the slowest seat decisions held up the
// tests (a crowd registers at the pace iam hashes passwords).
func (r *run) horizon() time.Time { return r.at(r.sc.Horizon.D()).Add(time.Duration(r.delay.Load())) }

// heldUp records that a course's tests start d later than the scenario
// says.
func (r *run) heldUp(delay time.Duration) {
	d := int64(delay)
	for {
		old := r.delay.Load()
		if d <= old || r.delay.CompareAndSwap(old, d) {
			return
		}
	}
}

func (r *run) fail(who string, err error) {
	r.failMu.Lock()
	defer r.failMu.Unlock()
	r.failures = append(r.failures, fmt.Sprintf("%s: %v", who, err))
}

func (r *run) rand(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(r.cfg.Seed, stream)) //nolint:gosec // a simulation's draws, repeatable by seed, not secrets
}

func (r *run) addAttempt(id string) {
	r.attemptsMu.Lock()
	defer r.attemptsMu.Unlock()
	r.attempts = append(r.attempts, id)
}

func (r *run) otherAttempt(rnd *rand.Rand, own string) string {
	r.attemptsMu.Lock()
	defer r.attemptsMu.Unlock()
	for range 10 {
		if len(r.attempts) == 0 {
			return ""
		}
		if a := r.attempts[rnd.IntN(len(r.attempts))]; a != own {
			return a
		}
	}
	return ""
}

// sleepUntil waits for t or the context.
func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// poll is the pause between two looks at something that changes elsewhere:
// a second of scenario time, between 250 ms and 2 s.
func (r *run) poll() time.Duration {
	return min(max(r.scale(time.Second), 250*time.Millisecond), 2*time.Second)
}

// Run runs the scenario and checks it.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Speed <= 0 {
		cfg.Speed = 1
	}
	if cfg.Settle <= 0 {
		cfg.Settle = 5 * time.Minute
	}
	sc := cfg.Scenario
	n := sc.Students
	if cfg.Students > 0 {
		n = cfg.Students
	}
	stats := client.NewStats()
	now := time.Now().UTC()
	r := &run{
		cfg: cfg, sc: sc, students: n, stats: stats, led: ledger.New(),
		id:  fmt.Sprintf("%s-%d-%s", sc.Name, cfg.Seed, now.Format("20060102T150405Z")),
		tag: strings.ToLower(fmt.Sprintf("%s%d%x", strings.ReplaceAll(sc.Name, "-", ""), cfg.Seed, now.UnixMilli()%0xffffff)),
		c:   client.New(strings.TrimRight(cfg.Gateway, "/"), stats),

		signups: make(chan struct{}, signupsInFlight),
	}
	_, _ = fmt.Fprintf(cfg.Out, "sim: run %s: %d students, speed %g, gateway %s\n", r.id, n, cfg.Speed, cfg.Gateway)
	if err := r.setup(ctx); err != nil {
		return Result{RunID: r.id}, fmt.Errorf("setting up the scenario: %w", err)
	}
	r.start = time.Now()
	r.openGates()
	_, _ = fmt.Fprintf(cfg.Out, "sim: %d teachers and %d courses ready; the scenario's clock starts now\n", len(r.teachers), len(r.courses))

	prog := newProgress(r)
	progCtx, stopProgress := context.WithCancel(ctx)
	go prog.loop(progCtx)
	chaosDone := make(chan []FaultResult, 1)
	go func() { chaosDone <- r.chaos(ctx) }()

	work, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		for work.Err() == nil && time.Now().Before(r.horizon().Add(cfg.Settle)) {
			_ = sleepUntil(work, time.Now().Add(time.Second))
		}
		cancel()
	}()
	var wg sync.WaitGroup
	for _, s := range r.pupils {
		wg.Go(func() { s.live(work) })
	}
	for _, t := range r.teacherJobs() {
		wg.Go(func() { t.work(work) })
	}
	for _, c := range r.courses {
		if c.seats > 0 {
			wg.Go(func() { r.watchSeats(work, c) })
		}
	}
	wg.Wait()
	faults := <-chaosDone
	_, _ = fmt.Fprintf(cfg.Out, "sim: everyone is done after %s; reading what the API shows\n", time.Since(r.start).Round(time.Second))
	obs := r.observe(ctx)
	vs := r.led.Check(obs)
	prog.violations.Store(int64(len(vs)))
	stopProgress()
	prog.push(ctx, true)
	req, errs, _ := stats.Totals()
	counts := r.led.Counts()
	if counts["enrollments"] == 0 {
		r.fail("the run", fmt.Errorf("no seat was ever asked for: the run proves nothing (was the stack up?)"))
	}
	for _, c := range r.courses {
		if len(c.tests) > 0 && counts["starts"] == 0 {
			r.fail("the run", fmt.Errorf("no attempt was ever started: the run proves nothing (was the stack up?)"))
			break
		}
	}
	return Result{
		RunID: r.id, Students: n, Elapsed: time.Since(r.start), Violations: vs, Faults: faults,
		Requests: req, Errors: errs, Ledger: counts, Stats: stats, Failures: r.failures,
	}, nil
}

// signupsInFlight is how many students register and sign in at once.
const signupsInFlight = 8

// states a student passes through, as the progress display counts them.
const (
	stArriving int32 = iota
	stRegistered
	stEnrolled
	stWaitlisted
	stInExam
	stSubmitted
	stGraded
	stCompleted
	stDone
)

var stateNames = []string{"arriving", "registered", "enrolled", "waitlisted", "in_exam", "submitted", "graded", "completed", "done"}

type stateCell struct{ v atomic.Int32 }

func (s *stateCell) set(v int32) { s.v.Store(v) }
