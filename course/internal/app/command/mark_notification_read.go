package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// MarkNotificationReadInput marks one notification of the caller read.
type MarkNotificationReadInput struct {
	Caller caller.Caller
	ID     string
}

// MarkNotificationRead marks the notification read; notification-not-found when the
// caller has none with that id (someone else's included).
type MarkNotificationRead struct {
	inbox notification.Inbox
	now   Clock
}

// NewMarkNotificationRead returns the MarkNotificationRead use case.
func NewMarkNotificationRead(inbox notification.Inbox, now Clock) *MarkNotificationRead {
	return &MarkNotificationRead{inbox: inbox, now: now}
}

// Handle runs the use case.
func (h *MarkNotificationRead) Handle(ctx context.Context, in MarkNotificationReadInput) error {
	if in.Caller.UserID == "" || in.ID == "" {
		return notification.ErrNotFound
	}
	if err := h.inbox.MarkRead(ctx, in.Caller.UserID, in.ID, h.now.Now()); err != nil {
		return fmt.Errorf("mark notification %s read: %w", in.ID, err)
	}
	return nil
}
