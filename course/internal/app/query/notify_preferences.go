package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/notification"
)

// NotifyPreferencesHandler answers a person's own notification preferences.
type NotifyPreferencesHandler struct {
	store notification.PreferenceStore
}

// NewNotifyPreferencesHandler returns the handler over store.
func NewNotifyPreferencesHandler(store notification.PreferenceStore) NotifyPreferencesHandler {
	return NotifyPreferencesHandler{store: store}
}

// Handle answers the caller's preferences, defaults included.
func (h NotifyPreferencesHandler) Handle(ctx context.Context, caller course.Caller) (notification.Preferences, error) {
	if caller.UserID == "" {
		return notification.Preferences{}, ErrForbidden
	}
	p, err := h.store.Preferences(ctx, caller.UserID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("preferences of %s: %w", caller.UserID, err)
	}
	return p, nil
}
