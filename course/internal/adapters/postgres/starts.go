package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/enrollment"
	"lms/shared/errs"
	"lms/shared/flows"
	"lms/shared/telemetry"
)

// Starter starts an enrollment's workflow under its deterministic id
// (starting one that runs already is no error) and sends it the signals
// recorded with a change, with their payload (nil for none); a signal to a
// workflow that does not run answers command.ErrNoWorkflow. The Temporal
// adapter's Workflows is one.
type Starter interface {
	StartEnrollment(ctx context.Context, s command.EnrollmentStart) error
	SignalEnrollment(ctx context.Context, courseID, studentID, signal string, payload json.RawMessage) error
}

// StartRelayOptions tune a StartRelay; zero values take the defaults.
type StartRelayOptions struct {
	// Poll is how often the relay looks for due starts without being woken
	// (default 1s): starts written by other replicas, or left by a crash.
	Poll time.Duration
	// Batch is how many starts one transaction claims (default 64).
	Batch int
	// Parallel is how many starts of a batch go to the engine at once
	// (default 32: under load one start waits on the engine, not on us).
	Parallel int
	// StartTimeout bounds one start (default 10s).
	StartTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before a failed start is
	// tried again; it doubles with every failure (defaults 200ms and 10s).
	MinBackoff, MaxBackoff time.Duration
}

func (o StartRelayOptions) withDefaults() StartRelayOptions {
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.Parallel <= 0 {
		o.Parallel = 32
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 10 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 200 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	return o
}

// StartRelay performs the workflow starts and signals the repository
// recorded with each change: it claims due rows, hands them to the engine
// and removes a row only once the engine has it. A failed row stays, to be
// tried again after a backoff; a crash repeats a start or a signal (the
// workflow takes either twice without a change) but never loses one. Of
// one enrollment's rows only the oldest is due, so its workflow gets its
// start first and its signals in order. Replicas may run one each: a claim
// skips the rows another holds.
type StartRelay struct {
	db      *bun.DB
	repo    *EnrollmentRepository
	starter Starter
	signal  *startSignal
	log     *slog.Logger
	opts    StartRelayOptions
}

// StartRelay returns the relay of the starts and signals this repository
// records; every change wakes it after its commit.
func (r *EnrollmentRepository) StartRelay(s Starter, log *slog.Logger, opts StartRelayOptions) *StartRelay {
	return &StartRelay{db: r.db, repo: r, starter: s, signal: r.starts, log: log, opts: opts.withDefaults()}
}

// Run relays until ctx ends; a failure (database or engine down) is logged
// and retried. It first makes every start put off by an earlier process due
// now: a process that starts again after a crash does not wait out its
// predecessor's backoff.
func (r *StartRelay) Run(ctx context.Context) error {
	if _, err := r.db.NewRaw("UPDATE enrollment_starts SET next_attempt_at = now() WHERE next_attempt_at > now()").Exec(ctx); err != nil && ctx.Err() == nil {
		r.log.Warn("enrollment start relay could not retry put-off starts now", "error", err.Error())
	}
	t := time.NewTicker(r.opts.Poll)
	defer t.Stop()
	for ctx.Err() == nil {
		n, err := r.Drain(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("enrollment start relay failed, retrying", "error", err.Error())
		}
		if n > 0 && err == nil {
			continue // more may be due: a full batch, or the next row of an enrollment
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-r.signal.c:
		}
	}
	return nil
}

// Pending answers how many recorded starts and signals wait for the
// engine, due or put off: a number that grows while Temporal is down.
func (r *StartRelay) Pending(ctx context.Context) (int, error) {
	var n int
	if err := r.db.NewRaw("SELECT count(*) FROM enrollment_starts").Scan(ctx, &n); err != nil {
		return 0, fmt.Errorf("count enrollment starts: %w", err)
	}
	return n, nil
}

// dueStart is a recorded start with what the workflow starts with, or a
// recorded signal.
type dueStart struct {
	ID           int64     `bun:"id"`
	EnrollmentID string    `bun:"enrollment_id"`
	Attempts     int       `bun:"attempts"`
	CourseID     string    `bun:"course_id"`
	StudentID    string    `bun:"student_id"`
	Status       string    `bun:"status"`
	RequestedAt  time.Time `bun:"requested_at"`
	// TraceParent is the request's trace, which the start continues.
	TraceParent string `bun:"traceparent"`
	// Signal, when set, makes the row a signal to the running workflow,
	// with Payload as its argument (nil for none).
	Signal  string          `bun:"signal"`
	Payload json.RawMessage `bun:"payload"`
}

// Drain claims one batch of due starts, performs them and records the
// outcome, all in one transaction, and answers how many it claimed.
func (r *StartRelay) Drain(ctx context.Context) (int, error) {
	var n int
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var due []dueStart
		// Only the oldest row of an enrollment: a later one waits until the
		// engine has the earlier (and, when another replica holds the
		// oldest, this claim skips it and takes none of that enrollment).
		if err := tx.NewRaw(`SELECT s.id, s.enrollment_id, s.attempts, e.course_id, e.student_id, e.status, e.requested_at,
				s.traceparent, s.signal, s.payload
			FROM enrollment_starts s JOIN enrollments e ON e.id = s.enrollment_id
			WHERE s.next_attempt_at <= now()
				AND NOT EXISTS (SELECT 1 FROM enrollment_starts o WHERE o.enrollment_id = s.enrollment_id AND o.id < s.id)
			ORDER BY s.next_attempt_at LIMIT ? FOR UPDATE OF s SKIP LOCKED`, r.opts.Batch).
			Scan(ctx, &due); err != nil {
			return fmt.Errorf("claim enrollment starts: %w", err)
		}
		n = len(due)
		if n == 0 {
			return nil
		}
		failed := r.startAll(ctx, due)
		if ctx.Err() != nil {
			return ctx.Err() // shutting down: the starts stay as they were
		}
		return r.record(ctx, tx, due, failed)
	})
	return n, err
}

// startAll starts the due workflows and sends the due signals, Parallel at
// a time, and returns the failures by row id. A request decided already
// needs no start: its workflow ran.
func (r *StartRelay) startAll(ctx context.Context, due []dueStart) map[int64]error {
	var (
		mu     sync.Mutex
		failed = map[int64]error{}
		wg     sync.WaitGroup
		slots  = make(chan struct{}, r.opts.Parallel)
	)
	for _, d := range due {
		if !d.needed() {
			continue
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			sctx, cancel := context.WithTimeout(telemetry.WithTraceParent(ctx, d.TraceParent), r.opts.StartTimeout)
			defer cancel()
			var err error
			if d.Signal != "" {
				err = r.starter.SignalEnrollment(sctx, d.CourseID, d.StudentID, d.Signal, d.Payload)
				if errors.Is(err, command.ErrNoWorkflow) {
					err = r.noWorkflow(sctx, d)
				}
			} else {
				err = r.starter.StartEnrollment(sctx, command.EnrollmentStart{
					EnrollmentID: d.EnrollmentID, CourseID: d.CourseID, StudentID: d.StudentID, RequestedAt: d.RequestedAt.UTC(),
				})
			}
			if err != nil {
				mu.Lock()
				failed[d.ID] = err
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return failed
}

// record removes the starts performed and puts the failed ones off by their
// backoff. When a start reached the engine, the starts that earlier
// failures put off are made due now: the engine is back.
func (r *StartRelay) record(ctx context.Context, tx bun.Tx, due []dueStart, failed map[int64]error) error {
	var (
		done    []int64
		reached bool // a start reached the engine
	)
	for _, d := range due {
		err, ok := failed[d.ID]
		if !ok {
			done = append(done, d.ID)
			reached = reached || d.needed()
			continue
		}
		wait := r.backoff(d.Attempts)
		r.log.Warn("enrollment workflow start or signal failed, retrying", "enrollment_id", d.EnrollmentID, "signal", d.Signal,
			"attempts", d.Attempts+1, "retry_in", wait.String(), "error", err.Error())
		if _, err := tx.NewRaw(`UPDATE enrollment_starts SET attempts = attempts + 1,
			next_attempt_at = now() + ? * interval '1 microsecond', last_error = ? WHERE id = ?`,
			wait.Microseconds(), err.Error(), d.ID).Exec(ctx); err != nil {
			return fmt.Errorf("put off the start of %s: %w", d.EnrollmentID, err)
		}
	}
	if len(done) == 0 {
		return nil
	}
	if _, err := tx.NewRaw("DELETE FROM enrollment_starts WHERE id IN (?)", bun.List(done)).Exec(ctx); err != nil {
		return fmt.Errorf("remove %d performed starts: %w", len(done), err)
	}
	if !reached || len(failed) > 0 {
		return nil // no news of the engine, or it still refuses some
	}
	if _, err := tx.NewRaw("UPDATE enrollment_starts SET next_attempt_at = now() WHERE next_attempt_at > now()").Exec(ctx); err != nil {
		return fmt.Errorf("retry put-off starts now: %w", err)
	}
	return nil
}

// backoff is the wait after the attempts+1st failure: MinBackoff doubled
// per earlier failure, at most MaxBackoff.
func (r *StartRelay) backoff(attempts int) time.Duration {
	d := r.opts.MinBackoff
	for range min(attempts, 30) {
		d *= 2
		if d >= r.opts.MaxBackoff {
			return r.opts.MaxBackoff
		}
	}
	return d
}

// needed reports whether the row still has something to hand on: every
// signal, and the start of a request not decided yet (a request decided
// meanwhile, by a drop while the engine was down, needs no process).
func (d dueStart) needed() bool {
	return d.Signal != "" || d.Status == string(enrollment.StatusRequested)
}

// noWorkflow handles a signal whose workflow does not run (it ended, or
// never ran: an enrollment older than its process). Only a drop still has
// something to do: it is made here, as the workflow's activity would make
// it, and the seat it frees is handed on in the same transaction, with the
// signal to the promoted student's workflow. A drop the enrollment no longer
// allows (completed meanwhile) is done with; the other signals have no one
// to tell.
func (r *StartRelay) noWorkflow(ctx context.Context, d dueStart) error {
	if d.Signal != flows.SignalEnrollmentDrop {
		return nil
	}
	var req flows.DropRequest
	if len(d.Payload) > 0 {
		if err := json.Unmarshal(d.Payload, &req); err != nil {
			return fmt.Errorf("drop request of %s: %w", d.EnrollmentID, err)
		}
	}
	_, _, err := r.repo.Drop(ctx, d.EnrollmentID, req.Reason, time.Now())
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal && e.Kind != errs.Unavailable {
		r.log.Info("drop request without a workflow refused", "enrollment_id", d.EnrollmentID, "slug", e.Slug)
		return nil
	}
	return err
}

// recordSignal writes a signal to the enrollment's workflow, with its
// payload (nil for none), in the transaction of the change it follows, for
// the relay to send after the rows recorded before it: a crash after the
// commit delays the signal, never loses it.
func recordSignal(ctx context.Context, tx bun.IDB, enrollmentID, signal string, payload any) error {
	var arg any // SQL NULL
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return fmt.Errorf("signal %s to the workflow of %s: %w", signal, enrollmentID, err)
		}
		arg = string(b)
	}
	if _, err := tx.NewRaw(`INSERT INTO enrollment_starts (enrollment_id, traceparent, signal, payload) VALUES (?, ?, ?, ?::jsonb)`,
		enrollmentID, telemetry.TraceParent(ctx), signal, arg).Exec(ctx); err != nil {
		return fmt.Errorf("record signal %s to the workflow of %s: %w", signal, enrollmentID, err)
	}
	return nil
}

// recordStart writes the start of the request's workflow in the request's
// transaction, with the request's trace for the workflow to continue.
func recordStart(ctx context.Context, tx bun.IDB, enrollmentID string) error {
	if _, err := tx.NewRaw("INSERT INTO enrollment_starts (enrollment_id, traceparent) VALUES (?, ?)",
		enrollmentID, telemetry.TraceParent(ctx)).Exec(ctx); err != nil {
		return fmt.Errorf("record the workflow start of %s: %w", enrollmentID, err)
	}
	return nil
}

// startSignal wakes the relay when a request committed, so the usual start
// waits for no poll.
type startSignal struct{ c chan struct{} }

func newStartSignal() *startSignal { return &startSignal{c: make(chan struct{}, 1)} }

func (s *startSignal) wake() {
	select {
	case s.c <- struct{}{}:
	default:
	}
}
