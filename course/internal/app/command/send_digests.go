package command

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

// digestGrace is how long after a day ends (UTC) its digests are made, so a
// notification recorded in the day's last moment is in it.
const digestGrace = 5 * time.Minute

// SendDigestsInput asks for the digests of the days that have ended.
type SendDigestsInput struct{}

// SendDigests sends each person who chose the daily digest one mail
// a day with the day's notifications: after the day ended, it turns her
// waiting mails into one, queued for the mail relay.
type SendDigests struct {
	queue  notification.DigestQueue
	now    Clock
	domain string
	wake   func()
}

// NewSendDigests returns the SendDigests use case over queue; domain names
// the Message-IDs, wake (may be nil) tells the mail relay that mails are due.
func NewSendDigests(queue notification.DigestQueue, now Clock, domain string, wake func()) *SendDigests {
	if wake == nil {
		wake = func() {}
	}
	return &SendDigests{queue: queue, now: now, domain: domain, wake: wake}
}

// Handle makes every digest of a day that has ended and answers how many it
// made; run every few minutes, a day's digests go out within that of its end
// (plus the grace), or at the first run after an outage. Each person's day is one mail (keyed "digest:<day>"), made in one
// transaction with the marking of its mails: a sweep repeated, by another
// replica or after a crash, makes none twice.
func (h *SendDigests) Handle(ctx context.Context, _ SendDigestsInput) (int, error) {
	made := 0
	for {
		now := h.now.Now()
		due, err := h.queue.DueDigests(ctx, now.Add(-digestGrace), 64)
		if err != nil || len(due) == 0 {
			return made, err
		}
		for _, d := range due {
			ok, err := h.queue.Digest(ctx, d, func(items []notification.Mail) notification.Mail {
				k := notification.Key{EventID: notification.DigestEventID(d.Day), Recipient: d.Recipient, Channel: notification.ChannelEmail}
				msgs := make([]notification.Message, 0, len(items))
				for _, m := range items {
					msgs = append(msgs, m.Message)
				}
				return notification.Mail{
					EventID: k.EventID, Recipient: d.Recipient, Kind: notification.KindDigest, To: items[len(items)-1].To,
					Message: notification.ComposeDigest(d.Day, msgs), MessageID: notification.MessageID(k, h.domain), CreatedAt: now,
				}
			})
			if err != nil {
				return made, fmt.Errorf("digest of %s for %s: %w", d.Recipient, d.Day.Format(time.DateOnly), err)
			}
			if ok {
				made++
			}
		}
		h.wake()
	}
}
