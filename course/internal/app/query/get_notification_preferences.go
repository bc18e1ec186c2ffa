package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// GetNotificationPreferencesInput is what GetNotificationPreferences is asked.
type GetNotificationPreferencesInput struct {
	Caller caller.Caller
}

// GetNotificationPreferences answers the caller's preferences, defaults included.
type GetNotificationPreferences struct {
	store notification.PreferenceStore
}

// NewGetNotificationPreferences returns the GetNotificationPreferences use case.
func NewGetNotificationPreferences(store notification.PreferenceStore) *GetNotificationPreferences {
	return &GetNotificationPreferences{store: store}
}

// Handle answers the query.
func (h *GetNotificationPreferences) Handle(ctx context.Context, in GetNotificationPreferencesInput) (notification.Preferences, error) {
	if in.Caller.UserID == "" {
		return notification.Preferences{}, ErrForbidden
	}
	p, err := h.store.Preferences(ctx, in.Caller.UserID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("preferences of %s: %w", in.Caller.UserID, err)
	}
	return p, nil
}
