package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// MarkAllNotificationsReadInput is what MarkAllNotificationsRead is asked.
type MarkAllNotificationsReadInput struct {
	Caller caller.Caller
}

// MarkAllNotificationsRead marks every unread notification of the caller read and answers
// how many it marked.
type MarkAllNotificationsRead struct {
	inbox notification.Inbox
	now   Clock
}

// NewMarkAllNotificationsRead returns the MarkAllNotificationsRead use case.
func NewMarkAllNotificationsRead(inbox notification.Inbox, now Clock) *MarkAllNotificationsRead {
	return &MarkAllNotificationsRead{inbox: inbox, now: now}
}

// Handle runs the use case.
func (h *MarkAllNotificationsRead) Handle(ctx context.Context, in MarkAllNotificationsReadInput) (int, error) {
	if in.Caller.UserID == "" {
		return 0, ErrForbidden
	}
	n, err := h.inbox.MarkAllRead(ctx, in.Caller.UserID, h.now.Now())
	if err != nil {
		return 0, fmt.Errorf("mark notifications of %s read: %w", in.Caller.UserID, err)
	}
	return n, nil
}
