package query

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/notification"
)

// InboxList asks for one page of the caller's notifications.
type InboxList struct {
	Caller    course.Caller
	PageSize  int
	PageToken string
}

// InboxPage is one page of a person's notifications, newest first, with how
// many of all of hers are unread.
type InboxPage struct {
	Notifications []notification.Notification
	Unread        int
	// NextPageToken fetches the next (older) page; empty on the last.
	NextPageToken string
}

// InboxHandler answers a person's questions about her own inbox; nobody
// reads another's.
type InboxHandler struct {
	inbox notification.Inbox
}

// NewInboxHandler returns the handler over inbox.
func NewInboxHandler(inbox notification.Inbox) InboxHandler { return InboxHandler{inbox: inbox} }

// List handles InboxList. Pages follow the notifications' ids, which grow
// with time, so a notification arriving while she pages through shows on
// the first page, never twice.
func (h InboxHandler) List(ctx context.Context, q InboxList) (InboxPage, error) {
	if q.Caller.UserID == "" {
		return InboxPage{}, ErrForbidden
	}
	if q.PageSize == 0 {
		q.PageSize = DefaultPageSize
	}
	if q.PageSize < 1 || q.PageSize > MaxPageSize {
		return InboxPage{}, ErrPageSize
	}
	raw, err := base64.RawURLEncoding.DecodeString(q.PageToken)
	before := string(raw)
	if err != nil || strings.ContainsRune(before, 0) || !utf8.ValidString(before) {
		return InboxPage{}, ErrPageToken
	}
	items, err := h.inbox.List(ctx, q.Caller.UserID, before, q.PageSize+1)
	if err != nil {
		return InboxPage{}, fmt.Errorf("inbox of %s: %w", q.Caller.UserID, err)
	}
	page := InboxPage{Notifications: items}
	if len(items) > q.PageSize {
		page.Notifications = items[:q.PageSize]
		page.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(page.Notifications[q.PageSize-1].ID))
	}
	if page.Unread, err = h.inbox.Unread(ctx, q.Caller.UserID); err != nil {
		return InboxPage{}, fmt.Errorf("unread of %s: %w", q.Caller.UserID, err)
	}
	return page, nil
}

// Unread counts the caller's unread notifications.
func (h InboxHandler) Unread(ctx context.Context, caller course.Caller) (int, error) {
	if caller.UserID == "" {
		return 0, ErrForbidden
	}
	n, err := h.inbox.Unread(ctx, caller.UserID)
	if err != nil {
		return 0, fmt.Errorf("unread of %s: %w", caller.UserID, err)
	}
	return n, nil
}
