package http

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// AdmissionOptions pace the starts of attempts, the one request that a whole
// class sends in the same minute.
type AdmissionOptions struct {
	// Rate is how many starts a second this process admits; zero admits
	// every start at once (no waiting room).
	Rate float64
	// Burst is how many starts may be admitted at once after a quiet spell.
	Burst int
	// Hold is how long a start may wait inside its request for its turn;
	// one whose turn is further away gets the waiting room's answer at once.
	Hold time.Duration
	// Key signs waiting-room tickets; every replica behind one gateway needs
	// the same key so a ticket counts wherever it comes back.
	Key []byte
}

// admission is a waiting room in front of the start of attempts. Each start
// reserves the next free slot of a token bucket: a slot within Hold is
// waited for in the request; a later one is answered at once with the
// student's place in line, when to come back and a signed ticket that holds
// her slot, so she is admitted when she returns with it at or after her
// turn. Her exam clock starts when her attempt starts, never while she
// waits. The bucket is per process: replicas each admit Rate.
type admission struct {
	opts    AdmissionOptions
	limiter *rate.Limiter
	now     func() time.Time
}

func newAdmission(o AdmissionOptions, now func() time.Time) *admission {
	a := &admission{opts: o, now: now}
	if o.Rate > 0 {
		a.limiter = rate.NewLimiter(rate.Limit(o.Rate), max(o.Burst, 1))
	}
	return a
}

// wait is the waiting room's answer to a start that is not admitted yet.
type wait struct {
	Position int
	After    time.Duration
	Ticket   string
}

// errBadTicket is a ticket that is not this student's for this test, or
// was not signed here.
var errBadTicket = errors.New("not a ticket of this waiting room")

// admit decides a start of testID by userID carrying ticket (empty on the
// first try): nil when the start may go ahead now (after waiting up to Hold),
// else where the student stands.
func (a *admission) admit(ctx context.Context, testID, userID, ticket string) (*wait, error) {
	if a.limiter == nil {
		return nil, nil
	}
	now := a.now()
	if ticket != "" {
		slot, err := a.open(ticket, testID, userID)
		if err != nil {
			return nil, err
		}
		if d := slot.Sub(now); d > a.opts.Hold {
			return a.waiting(d, ticket), nil
		} else if d > 0 {
			return nil, sleep(ctx, d)
		}
		return nil, nil
	}
	r := a.limiter.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d <= a.opts.Hold {
		return nil, sleep(ctx, d)
	}
	return a.waiting(d, a.sign(testID, userID, now.Add(d))), nil
}

func (a *admission) waiting(d time.Duration, ticket string) *wait {
	return &wait{Position: int(math.Ceil(d.Seconds() * a.opts.Rate)), After: d, Ticket: ticket}
}

// sign makes a ticket for the slot: the slot's time and an HMAC over it,
// the test and the student.
func (a *admission) sign(testID, userID string, slot time.Time) string {
	ms := strconv.FormatInt(slot.UnixMilli(), 10)
	return ms + "." + base64.RawURLEncoding.EncodeToString(a.mac(testID, userID, ms))
}

func (a *admission) open(ticket, testID, userID string) (time.Time, error) {
	ms, sig, ok := strings.Cut(ticket, ".")
	got, err := base64.RawURLEncoding.DecodeString(sig)
	n, nerr := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || nerr != nil || !hmac.Equal(got, a.mac(testID, userID, ms)) {
		return time.Time{}, errBadTicket
	}
	return time.UnixMilli(n), nil
}

func (a *admission) mac(testID, userID, ms string) []byte {
	h := hmac.New(sha256.New, a.opts.Key)
	_, _ = fmt.Fprintf(h, "%s\x00%s\x00%s", testID, userID, ms)
	return h.Sum(nil)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
