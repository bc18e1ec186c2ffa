package command

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

// Notifier turns a domain event into the notifications of its person:
// an inbox item and a mail, as her preferences say, each exactly once.
type Notifier struct {
	store  notification.Deliverer
	now    Clock
	ids    IDs
	domain string
	wake   func()
	maxAge time.Duration
}

// DefaultMaxAge is how old an event may be and still notify: a new
// consumer group reads its topics from their start, and years of history
// are no news to anyone.
const DefaultMaxAge = 72 * time.Hour

// NewNotifier returns the handler over store; domain is the domain
// part of the mails' Message-ID headers (the sender address's), wake (may
// be nil) tells the mail relay that mails are due.
func NewNotifier(store notification.Deliverer, now Clock, ids IDs, domain string, wake func()) Notifier {
	if wake == nil {
		wake = func() {}
	}
	return Notifier{store: store, now: now, ids: ids, domain: domain, wake: wake, maxAge: DefaultMaxAge}
}

// WithMaxAge returns the handler skipping events older than d (0: none).
func (h Notifier) WithMaxAge(d time.Duration) Notifier {
	h.maxAge = d
	return h
}

// Deliver is Handle answering whether e was new for its recipient (false
// for a repeat or an event too old to notify).
func (h Notifier) Deliver(ctx context.Context, e notification.Event) (bool, error) {
	if err := e.Validate(); err != nil {
		return false, err
	}
	if e.Stale(h.now.Now(), h.maxAge) {
		return false, nil
	}
	var mail bool
	first, err := h.store.Deliver(ctx, e, func(f notification.Facts) notification.Deliveries {
		ev := e.Promoted(f.FromWaitlist)
		if ev.CourseTitle == "" {
			ev.CourseTitle = f.CourseTitle
		}
		ev.AboutName = f.AboutName
		if ev.Detail == "" {
			ev.Detail = f.AboutName
		}
		d := notification.Plan(ev, f.Preferences, h.ids.NewID(), f.Address, h.domain, h.now.Now())
		mail = d.Email != nil
		return d
	})
	if err != nil {
		return false, fmt.Errorf("notify %s of %s: %w", e.Recipient, e.ID, err)
	}
	if mail {
		h.wake()
	}
	return first, nil
}
