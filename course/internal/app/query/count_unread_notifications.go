package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// CountUnreadNotificationsInput is what CountUnreadNotifications is asked.
type CountUnreadNotificationsInput struct {
	Caller caller.Caller
}

// CountUnreadNotifications counts the caller's unread notifications.
type CountUnreadNotifications struct {
	inbox notification.Inbox
}

// NewCountUnreadNotifications returns the CountUnreadNotifications use case.
func NewCountUnreadNotifications(inbox notification.Inbox) *CountUnreadNotifications {
	return &CountUnreadNotifications{inbox: inbox}
}

// Handle answers the query.
func (h *CountUnreadNotifications) Handle(ctx context.Context, in CountUnreadNotificationsInput) (int, error) {
	if in.Caller.UserID == "" {
		return 0, ErrForbidden
	}
	n, err := h.inbox.Unread(ctx, in.Caller.UserID)
	if err != nil {
		return 0, fmt.Errorf("unread of %s: %w", in.Caller.UserID, err)
	}
	return n, nil
}
