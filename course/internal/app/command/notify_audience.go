package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/notification"
)

// NotifyAudienceInput is what NotifyAudience is asked.
type NotifyAudienceInput struct {
	Event    notification.Event
	Audience notification.Audience
}

// NotifyAudience notifies every member of a of e (e's Recipient is ignored) and
// answers how many it notified now.
type NotifyAudience struct {
	notify    Notifier
	audiences notification.Audiences
}

// NewNotifyAudience returns the NotifyAudience use case.
func NewNotifyAudience(notify Notifier, audiences notification.Audiences) *NotifyAudience {
	return &NotifyAudience{notify: notify, audiences: audiences}
}

// Handle runs the use case.
func (h *NotifyAudience) Handle(ctx context.Context, in NotifyAudienceInput) (int, error) {
	if in.Event.Stale(h.notify.now.Now(), h.notify.maxAge) {
		return 0, nil
	}
	members, err := h.audiences.Members(ctx, in.Audience, in.Event.CourseID)
	if err != nil {
		return 0, fmt.Errorf("members of %s of course %s: %w", in.Audience, in.Event.CourseID, err)
	}
	n := 0
	for _, m := range members {
		in.Event.Recipient = m
		first, err := h.notify.Deliver(ctx, in.Event)
		if err != nil {
			return n, err
		}
		if first {
			n++
		}
	}
	return n, nil
}
