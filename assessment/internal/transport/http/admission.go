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

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"
)

// AdmissionOptions pace the starts of attempts, the one request that a whole
// class sends in the same minute.
type AdmissionOptions struct {
	// Rate is how many starts a second this process admits; zero sets no
	// pace (with InFlight zero too, there is no waiting room at all).
	Rate float64
	// Burst is how many starts may be admitted at once after a quiet spell.
	Burst int
	// Hold is how long a start may wait inside its request for its turn;
	// one whose turn is further away gets the waiting room's answer at once.
	Hold time.Duration
	// InFlight is how many admitted starts this process serves at once
	// (zero: no bound). The pace is a promise made in advance; this bound
	// keeps it honest when the service is slower than the pace (a busy
	// machine, a slow database): a start whose turn has come but finds
	// every place taken for longer than Hold is answered with the waiting
	// room's 202, her ticket kept, instead of queueing into a timeout.
	InFlight int
	// Metrics, when set, receives assessment_starts_in_flight (the
	// admitted starts being served) and
	// assessment_waiting_room_answers_total{reason} (202s: "pace" when her
	// turn is later, "full" when it has come but every place is taken).
	Metrics prometheus.Registerer
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
	// places holds a token per admitted start being served (InFlight).
	places chan struct{}
	// answers counts the waiting room's 202s by reason.
	answers *prometheus.CounterVec
	// line holds the starts whose turn came while every place was taken.
	line *overdueLine
}

func newAdmission(o AdmissionOptions, now func() time.Time) *admission {
	a := &admission{opts: o, now: now, line: newOverdueLine()}
	if o.Rate > 0 {
		a.limiter = rate.NewLimiter(rate.Limit(o.Rate), max(o.Burst, 1))
	}
	if o.InFlight > 0 {
		a.places = make(chan struct{}, o.InFlight)
	}
	a.answers = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "assessment_waiting_room_answers_total",
		Help: "Starts of attempts answered 202 by the waiting room, by reason: pace (her turn is later) or full (every place being served).",
	}, []string{"reason"})
	if o.Metrics != nil {
		o.Metrics.MustRegister(a.answers, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "assessment_starts_in_flight",
			Help: "Admitted starts of attempts being served now (bounded by ASSESSMENT_START_IN_FLIGHT).",
		}, func() float64 { return float64(len(a.places)) }))
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
// first try). When the start may go ahead now (after waiting up to Hold) it
// answers done, to be called once the start has been served; else where
// the student stands.
func (a *admission) admit(ctx context.Context, testID, userID, ticket string) (done func(), w *wait, err error) {
	now := a.now()
	if a.limiter == nil { // no pace: only the bound on starts in flight
		if ticket != "" {
			slot, err := a.open(ticket, testID, userID)
			if err != nil {
				return nil, nil, err
			}
			return a.enter(ctx, ticket, func() string { return ticket }, slot, a.opts.Hold)
		}
		return a.enter(ctx, "", func() string { return a.sign(testID, userID, now) }, now, a.opts.Hold)
	}
	if ticket != "" {
		slot, err := a.open(ticket, testID, userID)
		if err != nil {
			return nil, nil, err
		}
		if d := slot.Sub(now); d > a.opts.Hold {
			a.answers.WithLabelValues("pace").Inc()
			return nil, a.waiting(d, ticket), nil
		} else if d > 0 {
			if err := sleep(ctx, d); err != nil {
				return nil, nil, err
			}
		}
		return a.enter(ctx, ticket, func() string { return ticket }, slot, a.opts.Hold-max(slot.Sub(now), 0))
	}
	r := a.limiter.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d > a.opts.Hold {
		a.answers.WithLabelValues("pace").Inc()
		return nil, a.waiting(d, a.sign(testID, userID, now.Add(d))), nil
	}
	if err := sleep(ctx, d); err != nil {
		return nil, nil, err
	}
	return a.enter(ctx, "", func() string { return a.sign(testID, userID, now.Add(d)) }, now.Add(d), a.opts.Hold-d)
}

// enter takes one of the InFlight places for the start whose turn was
// slot (holding the ticket held, if she came back with one), waiting for
// one up to patience. A start that finds no place is told
// to come back with her ticket (made only then), which keeps her ahead of
// everyone whose turn is later; her place counts the starts being served and
// those turned away before her with an earlier turn, and she is told to come
// back when the service, at the rate it has been serving, will have reached
// her.
func (a *admission) enter(ctx context.Context, held string, ticket func() string, slot time.Time, patience time.Duration) (func(), *wait, error) {
	if a.places == nil {
		return func() {}, nil, nil
	}
	leave, ok := a.take(ctx, patience)
	if !ok {
		return nil, nil, ctx.Err()
	}
	if leave != nil {
		if held != "" {
			a.line.admitted(held)
		}
		return leave, nil, nil
	}
	a.answers.WithLabelValues("full").Inc()
	tk := ticket()
	ahead, after := a.line.turnedAway(tk, slot, a.now(), a.opts.InFlight, a.drain())
	return nil, &wait{Position: len(a.places) + ahead, After: after, Ticket: tk}, nil
}

// take takes a place, waiting up to patience: it answers the function that
// gives it back (recording how long the start was served), nil when no place
// came in time, and false when the caller left.
func (a *admission) take(ctx context.Context, patience time.Duration) (func(), bool) {
	took := func() func() {
		start := a.now()
		return func() {
			a.line.served(a.now().Sub(start))
			<-a.places
		}
	}
	select {
	case a.places <- struct{}{}:
		return took(), true
	default:
	}
	if patience <= 0 {
		return nil, true
	}
	t := time.NewTimer(patience)
	defer t.Stop()
	select {
	case a.places <- struct{}{}:
		return took(), true
	case <-t.C:
		return nil, true
	case <-ctx.Done():
		return nil, false
	}
}

// drain is how long the starts being served take to make room, at the pace:
// when to come back after finding every place taken.
func (a *admission) drain() time.Duration {
	if a.opts.Rate <= 0 {
		return time.Second
	}
	return max(time.Second, time.Duration(float64(a.opts.InFlight)/a.opts.Rate*float64(time.Second)))
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
