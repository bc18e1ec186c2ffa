package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/notification"
)

// InboxMarkRead marks one notification of the caller read.
type InboxMarkRead struct {
	Caller course.Caller
	ID     string
}

// InboxMarkReadHandler marks a person's notifications read; nobody marks
// another's.
type InboxMarkReadHandler struct {
	inbox notification.Inbox
	now   Clock
}

// NewInboxMarkReadHandler returns the handler over inbox.
func NewInboxMarkReadHandler(inbox notification.Inbox, now Clock) InboxMarkReadHandler {
	return InboxMarkReadHandler{inbox: inbox, now: now}
}

// Handle marks the notification read; notification-not-found when the
// caller has none with that id (someone else's included).
func (h InboxMarkReadHandler) Handle(ctx context.Context, cmd InboxMarkRead) error {
	if cmd.Caller.UserID == "" || cmd.ID == "" {
		return notification.ErrNotFound
	}
	if err := h.inbox.MarkRead(ctx, cmd.Caller.UserID, cmd.ID, h.now.Now()); err != nil {
		return fmt.Errorf("mark notification %s read: %w", cmd.ID, err)
	}
	return nil
}

// HandleAll marks every unread notification of the caller read and answers
// how many it marked.
func (h InboxMarkReadHandler) HandleAll(ctx context.Context, caller course.Caller) (int, error) {
	if caller.UserID == "" {
		return 0, ErrForbidden
	}
	n, err := h.inbox.MarkAllRead(ctx, caller.UserID, h.now.Now())
	if err != nil {
		return 0, fmt.Errorf("mark notifications of %s read: %w", caller.UserID, err)
	}
	return n, nil
}
