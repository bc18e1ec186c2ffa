package webhook

import "time"

// RetryWindow is how long a delivery is tried before it is given up.
const RetryWindow = 24 * time.Hour

// Backoff says when a failed delivery is tried again: the wait doubles with
// each attempt from Min up to Max, and a jitter draws it between half and
// all of that, so endpoints coming back are not hit by every delivery at
// once.
type Backoff struct {
	Min, Max time.Duration
}

// Next returns when a delivery that failed its attempts-th try at now is
// tried again, given a jitter in [0, 1), and false when its window (ending
// at giveUpAt) is over: it is then failed. The last try falls at the
// window's end.
func (b Backoff) Next(attempts int, jitter float64, now, giveUpAt time.Time) (time.Time, bool) {
	if !now.Before(giveUpAt) {
		return time.Time{}, false
	}
	wait := b.Min
	for i := 1; i < attempts && wait < b.Max; i++ {
		wait *= 2
	}
	wait = min(wait, b.Max)
	wait = wait/2 + time.Duration(jitter*float64(wait/2))
	next := now.Add(wait)
	if next.After(giveUpAt) {
		next = giveUpAt
	}
	return next, true
}
