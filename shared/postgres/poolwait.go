package postgres

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"
)

// A pool whose every connection is busy (the server fine) would make a
// caller wait for a connection until its own deadline: database/sql has no
// acquire timeout. poolWait bounds that wait: every statement and every
// transaction's BEGIN runs under a context that ends with ErrUnavailable
// when no connection was handed to it within the wait (PG_POOL_WAIT), and
// that otherwise follows the caller's context. The driver's connection
// disarms it as soon as database/sql hands the connection over, so a slow
// statement or a long transaction is never cut by the wait.

// errPoolWait is the error of a statement that got no connection in time.
func errPoolWait(wait time.Duration) error {
	return ErrUnavailable.Wrap(fmt.Errorf("no connection of the pool was free within %s", wait))
}

// poolWait is the bun query hook that puts each statement under a guard.
type poolWait struct{ wait time.Duration }

var _ bun.QueryHook = poolWait{}

func (h poolWait) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return newGuard(ctx, h.wait)
}

// AfterQuery releases the statement's guard; a BEGIN's guard stays for its
// transaction (its context is the transaction's) and goes with its COMMIT or
// ROLLBACK.
func (poolWait) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	g, ok := ctx.Value(guardKey{}).(*guard)
	if !ok {
		return
	}
	if e.Query == "BEGIN" && e.Err == nil {
		return
	}
	g.release()
	if (e.Query == "COMMIT" || e.Query == "ROLLBACK") && g.outer != nil {
		g.outer.release()
	}
}

type guardKey struct{}

const (
	armed int32 = iota
	acquired
	expired
)

// guard bounds one wait for a connection.
type guard struct {
	parent context.Context
	outer  *guard // the guard of the context it was made in, if any
	cancel context.CancelFunc
	timer  *time.Timer
	stop   func() bool // stops following the parent
	state  atomic.Int32
	// parentDone says the caller's context ended: Err is its error.
	parentDone atomic.Bool
	wait       time.Duration
	once       sync.Once
}

// guardCtx is the context a guarded statement runs under: the caller's
// values and deadline, done when the caller's context is or when the wait
// for a connection ran out, whose error is then ErrUnavailable.
type guardCtx struct {
	context.Context // a cancelable context that keeps the caller's values
	g               *guard
}

func newGuard(parent context.Context, wait time.Duration) context.Context {
	base, cancel := context.WithCancel(context.WithoutCancel(parent))
	g := &guard{parent: parent, cancel: cancel, wait: wait}
	g.outer, _ = parent.Value(guardKey{}).(*guard)
	g.stop = context.AfterFunc(parent, func() {
		g.parentDone.Store(true)
		cancel()
	})
	g.timer = time.AfterFunc(wait, func() {
		if g.state.CompareAndSwap(armed, expired) {
			cancel()
		}
	})
	return guardCtx{Context: base, g: g}
}

func (c guardCtx) Deadline() (time.Time, bool) { return c.g.parent.Deadline() }

func (c guardCtx) Err() error {
	switch {
	case c.g.state.Load() == expired:
		return errPoolWait(c.g.wait)
	case c.g.parentDone.Load():
		return c.g.parent.Err()
	}
	return c.Context.Err()
}

func (c guardCtx) Value(key any) any {
	if key == (guardKey{}) {
		return c.g
	}
	return c.Context.Value(key)
}

// acquired disarms the guard of ctx, if any: the statement has its
// connection. It answers the wait's error when the wait ran out first.
func connectionAcquired(ctx context.Context) error {
	g, ok := ctx.Value(guardKey{}).(*guard)
	if !ok {
		return nil
	}
	if g.state.CompareAndSwap(armed, acquired) {
		g.timer.Stop()
		return nil
	}
	if g.state.Load() == expired {
		return errPoolWait(g.wait)
	}
	return nil
}

// release stops the guard's timer and its following of the caller's
// context; the context keeps what it had.
func (g *guard) release() {
	g.once.Do(func() {
		g.timer.Stop()
		g.stop()
	})
}
