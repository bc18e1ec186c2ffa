package command

import (
	"context"
	"log/slog"
	"time"
)

// DeadlineSignal is one change for a reminder's workflow: the close (zero:
// none any more) as of Version, the time of the event that told it.
type DeadlineSignal struct {
	ID        int64
	TestID    string
	CourseID  string
	StudentID string
	ClosesAt  time.Time
	Version   time.Time
	Attempts  int
}

// DeadlineSignals are the recorded signals waiting for the relay.
type DeadlineSignals interface {
	// ClaimSignals takes up to n due signals for lease.
	ClaimSignals(ctx context.Context, n int, lease time.Duration) ([]DeadlineSignal, error)
	// SignalSent forgets a signal the workflow engine has.
	SignalSent(ctx context.Context, id int64) error
	// PutOffSignal makes a signal due again at until.
	PutOffSignal(ctx context.Context, id int64, until time.Time, reason string) error
}

// DeadlineTimers hands a change to the workflow engine: a close starts the
// reminder's workflow if none runs and signals it; no close signals it only
// when it runs.
type DeadlineTimers interface {
	SignalDeadline(ctx context.Context, s DeadlineSignal) error
}

// DeadlineSignalRelay hands the recorded signals to the workflow engine;
// the signals carry their version, so their order does not matter and a
// repeat changes nothing.
type DeadlineSignalRelay struct {
	signals DeadlineSignals
	timers  DeadlineTimers
	now     Clock
	log     *slog.Logger
	poll    time.Duration
}

// NewDeadlineSignalRelay returns the relay; poll is how often it looks for
// due signals.
func NewDeadlineSignalRelay(signals DeadlineSignals, timers DeadlineTimers, now Clock, log *slog.Logger, poll time.Duration) *DeadlineSignalRelay {
	if poll <= 0 {
		poll = time.Second
	}
	return &DeadlineSignalRelay{signals: signals, timers: timers, now: now, log: log, poll: poll}
}

// Run relays until ctx ends.
func (r *DeadlineSignalRelay) Run(ctx context.Context) error {
	t := time.NewTicker(r.poll)
	defer t.Stop()
	for ctx.Err() == nil {
		n, err := r.Drain(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("deadline signal relay failed, retrying", "error", err.Error())
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
	return nil
}

// Drain hands one batch of due signals on and answers how many it claimed.
func (r *DeadlineSignalRelay) Drain(ctx context.Context) (int, error) {
	due, err := r.signals.ClaimSignals(ctx, 32, time.Minute)
	if err != nil {
		return 0, err
	}
	for _, s := range due {
		if err := r.timers.SignalDeadline(ctx, s); err != nil {
			if ctx.Err() != nil {
				return len(due), nil
			}
			wait := min(time.Second<<min(s.Attempts, 10), 10*time.Minute)
			r.log.Warn("deadline signal not sent, trying again", "test_id", s.TestID, "student_id", s.StudentID,
				"retry_in", wait.String(), "error", err.Error())
			if err := r.signals.PutOffSignal(ctx, s.ID, r.now.Now().Add(wait), err.Error()); err != nil {
				return len(due), err
			}
			continue
		}
		if err := r.signals.SignalSent(ctx, s.ID); err != nil {
			return len(due), err
		}
	}
	return len(due), nil
}
