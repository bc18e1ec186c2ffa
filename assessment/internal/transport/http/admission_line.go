package http

import (
	"sync"
	"time"
)

// maxComeBack caps the waiting room's Retry-After for a start whose turn has
// passed: a student is never told to stay away longer than this.
const maxComeBack = 30 * time.Second

// overdueLine is the line of starts whose turn came while every place was
// taken. Each is known by its ticket, ordered by the ticket's slot (her turn
// by the pace), and forgotten once admitted or when she has not come back
// for a while (she gave up). Her place in it, and how fast the service
// serves, tell her when to come back: a long line means a later Retry-After,
// instead of every student whose turn has passed asking again each second.
// The line is per process, as the pace is.
type overdueLine struct {
	mu      sync.Mutex
	waiting map[string]overdue
	// serve is a moving average of how long an admitted start is served
	// (zero until one was).
	serve time.Duration
}

type overdue struct {
	slot time.Time
	// until is when she is forgotten if she has not come back.
	until time.Time
}

func newOverdueLine() *overdueLine { return &overdueLine{waiting: map[string]overdue{}} }

// served records how long one admitted start took to serve.
func (l *overdueLine) served(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.serve == 0 {
		l.serve = d
		return
	}
	l.serve += (d - l.serve) / 8
}

// turnedAway records that the start holding ticket, whose turn was slot,
// found every one of places taken at now, and answers how many such starts
// with an earlier turn wait before her and when she should come back
// (floor when nothing was served yet).
func (l *overdueLine) turnedAway(ticket string, slot, now time.Time, places int, floor time.Duration) (ahead int, after time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for t, o := range l.waiting {
		switch {
		case now.After(o.until):
			delete(l.waiting, t)
		case t != ticket && (o.slot.Before(slot) || o.slot.Equal(slot) && t < ticket):
			ahead++
		}
	}
	after = floor
	if l.serve > 0 && places > 0 {
		after = max(floor, time.Duration(ahead+1)*l.serve/time.Duration(places))
	}
	after = min(after, maxComeBack)
	// Forgotten if she does not come back within twice her wait and a
	// little: she left, and must not hold up the line's answers.
	l.waiting[ticket] = overdue{slot: slot, until: now.Add(2*after + 5*time.Second)}
	return ahead, after
}

// admitted takes the start holding ticket out of the line.
func (l *overdueLine) admitted(ticket string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.waiting, ticket)
}
