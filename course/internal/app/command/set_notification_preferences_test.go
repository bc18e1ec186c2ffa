package command_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/notification"
	"lms/shared/caller"
)

// preferenceStore is an in-memory notification.PreferenceStore that counts
// the choices it was asked to write.
type preferenceStore struct {
	mu      sync.Mutex
	written int
	byUser  map[string][]notification.Preference
}

func (s *preferenceStore) Preferences(_ context.Context, user string) (notification.Preferences, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return notification.NewPreferences(s.byUser[user])
}

func (s *preferenceStore) SetPreferences(_ context.Context, user string, set []notification.Preference, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.written += len(set)
	s.byUser[user] = append(s.byUser[user], set...)
	return nil
}

func TestNotifySetPreferences(t *testing.T) {
	t.Parallel()
	now := apptest.ClockFunc(func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) })
	ann := caller.Caller{UserID: "ann", Roles: []string{course.RoleStudent}}
	t.Run("writes one choice per kind named, the last one winning", func(t *testing.T) {
		t.Parallel()
		store := &preferenceStore{byUser: map[string][]notification.Preference{}}
		h := command.NewSetNotificationPreferences(store, now, nil)
		set := make([]notification.Preference, 0, 1001)
		for range 1000 {
			set = append(set, notification.Preference{Kind: notification.KindResultsReleased, Choice: notification.Choice{InApp: true, Email: true}})
		}
		set = append(set, notification.Preference{Kind: notification.KindResultsReleased, Choice: notification.Choice{InApp: true}})
		p, err := h.Handle(t.Context(), command.SetNotificationPreferencesInput{Caller: ann, Set: set})
		require.NoError(t, err)
		require.Equal(t, 1, store.written)
		require.Equal(t, notification.Choice{InApp: true}, p.For(notification.KindResultsReleased))
		require.Equal(t, notification.DefaultChoice, p.For(notification.KindCertificateIssued))
	})
	t.Run("an unknown kind changes nothing", func(t *testing.T) {
		t.Parallel()
		store := &preferenceStore{byUser: map[string][]notification.Preference{}}
		h := command.NewSetNotificationPreferences(store, now, nil)
		_, err := h.Handle(t.Context(), command.SetNotificationPreferencesInput{Caller: ann, Set: []notification.Preference{
			{Kind: notification.KindResultsReleased}, {Kind: "lunch_menu"},
		}})
		require.ErrorIs(t, err, notification.ErrUnknownKind)
		require.Zero(t, store.written)
	})
}
