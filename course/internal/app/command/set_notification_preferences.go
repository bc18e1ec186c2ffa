package command

import (
	"context"
	"fmt"
	"slices"

	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// SetNotificationPreferencesInput sets where kinds of notification reach the caller.
type SetNotificationPreferencesInput struct {
	Caller caller.Caller
	// Set are the choices to record; kinds not named keep theirs.
	Set []notification.Preference
	// Digest turns the daily digest on or off; nil keeps it.
	Digest *bool
}

// SetNotificationPreferences records the choices and answers the caller's preferences as they
// are now. An unknown kind is invalid-notification-kind and changes nothing.
type SetNotificationPreferences struct {
	store   notification.PreferenceStore
	now     Clock
	digests notification.DigestSwitch
}

// NewSetNotificationPreferences returns the SetNotificationPreferences use case.
func NewSetNotificationPreferences(store notification.PreferenceStore, now Clock, digests notification.DigestSwitch) *SetNotificationPreferences {
	return &SetNotificationPreferences{store: store, now: now, digests: digests}
}

// Handle runs the use case.
func (h *SetNotificationPreferences) Handle(ctx context.Context, in SetNotificationPreferencesInput) (notification.Preferences, error) {
	if in.Caller.UserID == "" {
		return notification.Preferences{}, ErrForbidden
	}
	named, err := notification.NewPreferences(in.Set)
	if err != nil {
		return notification.Preferences{}, err
	}
	// One choice per kind named (the last one wins), however long the list.
	set := make([]notification.Preference, 0, len(in.Set))
	for _, p := range named.List() {
		if slices.ContainsFunc(in.Set, func(s notification.Preference) bool { return s.Kind == p.Kind }) {
			set = append(set, p)
		}
	}
	if in.Digest != nil && h.digests == nil {
		return notification.Preferences{}, fmt.Errorf("set digest of %s: no digest store", in.Caller.UserID)
	}
	if err := h.store.SetPreferences(ctx, in.Caller.UserID, set, h.now.Now()); err != nil {
		return notification.Preferences{}, fmt.Errorf("set preferences of %s: %w", in.Caller.UserID, err)
	}
	if in.Digest != nil {
		if err := h.digests.SetDigest(ctx, in.Caller.UserID, *in.Digest, h.now.Now()); err != nil {
			return notification.Preferences{}, fmt.Errorf("set digest of %s: %w", in.Caller.UserID, err)
		}
	}
	p, err := h.store.Preferences(ctx, in.Caller.UserID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("read preferences of %s: %w", in.Caller.UserID, err)
	}
	return p, nil
}
