package command

import (
	"context"
	"log/slog"
	"time"
)

// RepeatEvery calls run at once and then every poll until ctx ends (the
// sweeps of the digests and of the overdue grading); a failure is logged and
// the next call tries again.
func RepeatEvery(ctx context.Context, poll time.Duration, log *slog.Logger, what string, run func(context.Context) error) error {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if err := run(ctx); err != nil && ctx.Err() == nil {
			log.Warn(what+" failed, retrying", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
