package query

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// InboxPage is one page of a person's notifications, newest first, with how
// many of all of hers are unread.
type InboxPage struct {
	Notifications []notification.Notification
	Unread        int
	// NextPageToken fetches the next (older) page; empty on the last.
	NextPageToken string
}

// ListNotificationsInput asks for one page of the caller's notifications.
type ListNotificationsInput struct {
	Caller    caller.Caller
	PageSize  int
	PageToken string
}

// ListNotifications answers a page of the caller's inbox. Pages follow the notifications' ids, which grow
// with time, so a notification arriving while she pages through shows on
// the first page, never twice.
type ListNotifications struct {
	inbox notification.Inbox
}

// NewListNotifications returns the ListNotifications use case.
func NewListNotifications(inbox notification.Inbox) *ListNotifications {
	return &ListNotifications{inbox: inbox}
}

// Handle answers the query.
func (h *ListNotifications) Handle(ctx context.Context, in ListNotificationsInput) (InboxPage, error) {
	if in.Caller.UserID == "" {
		return InboxPage{}, ErrForbidden
	}
	if in.PageSize == 0 {
		in.PageSize = DefaultPageSize
	}
	if in.PageSize < 1 || in.PageSize > MaxPageSize {
		return InboxPage{}, ErrPageSize
	}
	raw, err := base64.RawURLEncoding.DecodeString(in.PageToken)
	before := string(raw)
	if err != nil || strings.ContainsRune(before, 0) || !utf8.ValidString(before) {
		return InboxPage{}, ErrPageToken
	}
	items, err := h.inbox.List(ctx, in.Caller.UserID, before, in.PageSize+1)
	if err != nil {
		return InboxPage{}, fmt.Errorf("inbox of %s: %w", in.Caller.UserID, err)
	}
	page := InboxPage{Notifications: items}
	if len(items) > in.PageSize {
		page.Notifications = items[:in.PageSize]
		page.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(page.Notifications[in.PageSize-1].ID))
	}
	if page.Unread, err = h.inbox.Unread(ctx, in.Caller.UserID); err != nil {
		return InboxPage{}, fmt.Errorf("unread of %s: %w", in.Caller.UserID, err)
	}
	return page, nil
}
