package command

import (
	"context"
	"log/slog"
	"time"

	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
)

// gate is one throttle counter a password check passes through.
type gate struct {
	key    throttle.Key
	policy throttle.Policy
	// owner is true for the account's own counter, which a success clears.
	owner bool
}

// guard counts password checks, sign-ins and password changes alike, per
// account and per client address, so neither can be used to guess a password
// faster than the other.
type guard struct {
	throttle throttle.Repository
	clock    Clock
	policy   LoginPolicy
	log      *slog.Logger
}

// gates returns the counters a password check of email from address passes.
func (g guard) gates(email user.Email, address string) []gate {
	gates := []gate{{throttle.AccountKey(email.String()), g.policy.PerAccount, true}}
	if address != "" {
		gates = append(gates, gate{throttle.AddressKey(address), g.policy.PerAddress, false})
	}
	return gates
}

// admitAll admits the check through every gate, or through none: the gates
// admitted before a refusal take their count back.
func (g guard) admitAll(ctx context.Context, gates []gate) error {
	for i, gt := range gates {
		err := g.throttle.Update(ctx, gt.key, func(c *throttle.Counter) error {
			return c.Admit(gt.policy, g.clock.Now())
		})
		if err != nil {
			g.settle(ctx, gates[:i], cancelled)
			return err
		}
	}
	return nil
}

// settleTimeout bounds the recording of an outcome after the caller left.
const settleTimeout = 5 * time.Second

// outcome is how an admitted attempt ended.
type outcome int

const (
	failed outcome = iota
	succeeded
	cancelled
)

// settle records the outcome of admitted attempts. Errors are only logged: the
// attempt already counted as a failure, which errs on the safe side. The
// outcome is recorded even when the caller has gone (a gateway that gave up
// waiting cancels the request): otherwise a slow sign-in, retried, would
// count as a wrong password each time and lock its owner out.
func (g guard) settle(ctx context.Context, gates []gate, o outcome) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	for _, gt := range gates {
		err := g.throttle.Update(ctx, gt.key, func(c *throttle.Counter) error {
			switch o {
			case succeeded:
				c.Succeeded(gt.owner)
			case cancelled:
				c.Cancel()
			default:
				c.Failed(gt.policy, g.clock.Now())
			}
			return nil
		})
		if err != nil {
			g.log.WarnContext(ctx, "record password check outcome", "error", err)
		}
	}
}
