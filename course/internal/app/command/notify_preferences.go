package command

import (
	"context"
	"fmt"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/notification"
)

// NotifySetPreferences sets where kinds of notification reach the caller.
type NotifySetPreferences struct {
	Caller course.Caller
	// Set are the choices to record; kinds not named keep theirs.
	Set []notification.Preference
	// Digest turns the daily digest on or off; nil keeps it.
	Digest *bool
}

// NotifySetPreferencesHandler records a person's own preferences.
type NotifySetPreferencesHandler struct {
	store   notification.PreferenceStore
	now     Clock
	digests notification.DigestSwitch
}

// WithDigests returns the handler able to turn the daily digest on and off
// in digests.
func (h NotifySetPreferencesHandler) WithDigests(digests notification.DigestSwitch) NotifySetPreferencesHandler {
	h.digests = digests
	return h
}

// NewNotifySetPreferencesHandler returns the handler over store.
func NewNotifySetPreferencesHandler(store notification.PreferenceStore, now Clock) NotifySetPreferencesHandler {
	return NotifySetPreferencesHandler{store: store, now: now}
}

// Handle records the choices and answers the caller's preferences as they
// are now. An unknown kind is invalid-notification-kind and changes nothing.
func (h NotifySetPreferencesHandler) Handle(ctx context.Context, cmd NotifySetPreferences) (notification.Preferences, error) {
	if cmd.Caller.UserID == "" {
		return notification.Preferences{}, ErrForbidden
	}
	named, err := notification.NewPreferences(cmd.Set)
	if err != nil {
		return notification.Preferences{}, err
	}
	// One choice per kind named (the last one wins), however long the list.
	set := make([]notification.Preference, 0, len(cmd.Set))
	for _, p := range named.List() {
		if slices.ContainsFunc(cmd.Set, func(s notification.Preference) bool { return s.Kind == p.Kind }) {
			set = append(set, p)
		}
	}
	if cmd.Digest != nil && h.digests == nil {
		return notification.Preferences{}, fmt.Errorf("set digest of %s: no digest store", cmd.Caller.UserID)
	}
	if err := h.store.SetPreferences(ctx, cmd.Caller.UserID, set, h.now.Now()); err != nil {
		return notification.Preferences{}, fmt.Errorf("set preferences of %s: %w", cmd.Caller.UserID, err)
	}
	if cmd.Digest != nil {
		if err := h.digests.SetDigest(ctx, cmd.Caller.UserID, *cmd.Digest, h.now.Now()); err != nil {
			return notification.Preferences{}, fmt.Errorf("set digest of %s: %w", cmd.Caller.UserID, err)
		}
	}
	p, err := h.store.Preferences(ctx, cmd.Caller.UserID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("read preferences of %s: %w", cmd.Caller.UserID, err)
	}
	return p, nil
}
