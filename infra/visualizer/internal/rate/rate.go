// Package rate turns timestamped occurrences into a rate per second over a
// sliding window, by when each thing happened rather than when it was read,
// so replaying old history does not look like a burst.
package rate

import "time"

// Window counts occurrences per whole second over the last Size seconds.
// The zero value is not usable; make one with NewWindow. Not safe for
// concurrent use.
type Window struct {
	size    int64
	seconds []int64 // the unix second each slot holds
	counts  []int
}

// NewWindow returns a window over the last size (rounded down to whole
// seconds, at least one).
func NewWindow(size time.Duration) *Window {
	n := max(int64(size/time.Second), 1)
	return &Window{size: n, seconds: make([]int64, n+1), counts: make([]int, n+1)}
}

// Add records n occurrences at the given time. Occurrences older than the
// window are dropped.
func (w *Window) Add(at time.Time, n int) {
	sec := at.Unix()
	slot := int(mod(sec, int64(len(w.seconds))))
	switch {
	case w.seconds[slot] == sec:
		w.counts[slot] += n
	case w.seconds[slot] < sec:
		w.seconds[slot], w.counts[slot] = sec, n
	default:
		// The slot already holds a later second: this one is too old.
	}
}

// PerSecond is the mean rate over the last Size complete seconds before
// now (the second under way is left out: it is not over yet).
func (w *Window) PerSecond(now time.Time) float64 {
	end := now.Unix() // exclusive
	total := 0
	for i, sec := range w.seconds {
		if sec >= end-w.size && sec < end {
			total += w.counts[i]
		}
	}
	return float64(total) / float64(w.size)
}

func mod(a, b int64) int64 { return ((a % b) + b) % b }
