// Package apptest holds in-memory fakes of the app layer's ports, for the
// unit tests of the use cases, and the contract tests that hold the fakes and
// the real adapters to the same behaviour.
package apptest

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Clock is a clock tests move by hand.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now.UTC()} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t.UTC()
}

// IDs makes predictable ids ("id-1", "id-2", ...) and seeds.
type IDs struct{ n atomic.Int64 }

// NewID returns the next id.
func (i *IDs) NewID() string { return "id-" + strconv.FormatInt(i.n.Add(1), 10) }

// NewSeed returns the next seed.
func (i *IDs) NewSeed() uint64 { return uint64(i.n.Add(1)) } //nolint:gosec // a counter from 1 up
