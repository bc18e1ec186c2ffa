package command

import (
	"context"

	"lms/iam/internal/domain/throttle"
)

// gate is one throttle counter a sign-in attempt passes through.
type gate struct {
	key    throttle.Key
	policy throttle.Policy
	// owner is true for the account's own counter, which a success clears.
	owner bool
}

func (h *Login) admit(ctx context.Context, g gate) error {
	return h.throttle.Update(ctx, g.key, func(c *throttle.Counter) error {
		return c.Admit(g.policy, h.clock.Now())
	})
}

// outcome is how an admitted attempt ended.
type outcome int

const (
	failed outcome = iota
	succeeded
	cancelled
)

// settle records the outcome of admitted attempts. Errors are only logged: the
// attempt already counted as a failure, which errs on the safe side.
func (h *Login) settle(ctx context.Context, gates []gate, o outcome) {
	for _, g := range gates {
		err := h.throttle.Update(ctx, g.key, func(c *throttle.Counter) error {
			switch o {
			case succeeded:
				c.Succeeded(g.owner)
			case cancelled:
				c.Cancel()
			default:
				c.Failed(g.policy, h.clock.Now())
			}
			return nil
		})
		if err != nil {
			h.log.WarnContext(ctx, "record sign-in outcome", "error", err)
		}
	}
}
