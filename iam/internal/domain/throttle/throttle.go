// Package throttle limits password guessing: failed sign-ins are counted per
// account and per client address within a window, and a key that reaches its
// limit is locked out for a while. It imports the standard library only.
package throttle

import (
	"math"
	"strconv"
	"time"

	"lms/shared/errs"
)

// ErrLocked is returned while a key is locked out; its retry_after_seconds
// field says when to try again.
var ErrLocked = errs.New(errs.ResourceExhausted, "login-throttled", "too many failed sign-in attempts; try again later")

// Policy is how many failures a key may have within Window before it is
// locked for Lockout.
type Policy struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}

// Counter is one key's recent failures.
type Counter struct {
	Failures    int
	WindowStart time.Time
	LockedUntil time.Time
}

// Admit lets one sign-in attempt through, or returns ErrLocked. The attempt is
// counted as a failure until Succeeded says otherwise, so guesses sent in
// parallel share one budget instead of all passing the check at once.
func (c *Counter) Admit(p Policy, now time.Time) error {
	if now.Before(c.LockedUntil) {
		return locked(c.LockedUntil, now)
	}
	expired := !c.WindowStart.IsZero() && now.Sub(c.WindowStart) >= p.Window
	if c.WindowStart.IsZero() || expired || !c.LockedUntil.IsZero() {
		// A new window, or the end of a lock-out: start afresh.
		*c = Counter{WindowStart: now}
	}
	if c.Failures >= p.MaxFailures {
		c.LockedUntil = now.Add(p.Lockout)
		return locked(c.LockedUntil, now)
	}
	c.Failures++
	return nil
}

// Failed confirms the admitted attempt failed; reaching the limit starts the
// lock-out.
func (c *Counter) Failed(p Policy, now time.Time) {
	if c.Failures >= p.MaxFailures && !now.Before(c.LockedUntil) {
		c.LockedUntil = now.Add(p.Lockout)
	}
}

// Succeeded takes back the failure Admit counted. With reset (the account's
// own counter) every earlier failure is forgiven too, since the owner proved
// they know the password; an address keeps its other failures, or one valid
// account would let it guess the passwords of others forever.
func (c *Counter) Succeeded(reset bool) {
	if reset {
		*c = Counter{}
		return
	}
	c.Cancel()
}

// Cancel takes back the failure Admit counted, for an attempt that never got
// to check a password (another counter refused it, or the check itself broke).
func (c *Counter) Cancel() {
	if c.Failures > 0 {
		c.Failures--
	}
}

func locked(until, now time.Time) error {
	secs := int(math.Ceil(until.Sub(now).Seconds()))
	return ErrLocked.With("retry_after_seconds", strconv.Itoa(max(secs, 1)))
}
