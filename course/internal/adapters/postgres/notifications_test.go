package postgres_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/notification"
)

// deliver stores what the event becomes for its recipient (both channels,
// an address of hers) and answers whether it was new.
func deliver(t *testing.T, store *postgres.Notifications, eventID, recipient string) bool {
	t.Helper()
	e := notification.Event{ID: eventID, Kind: notification.KindCertificateIssued, Recipient: recipient, CourseID: "c-1", At: t0}
	first, err := store.Deliver(t.Context(), e, func(f notification.Facts) notification.Deliveries {
		return notification.Plan(e, f.Preferences, newID(), recipient+"@example.test", "lms.test", t0)
	})
	require.NoError(t, err)
	return first
}

func TestNotifications_OneDeliveryPerEventAndPersonUnderConcurrentRepeats(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	store := postgres.NewNotifications(db)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		firsts int
	)
	for range 8 {
		wg.Go(func() {
			if deliver(t, store, "ev-1", "ann") {
				mu.Lock()
				firsts++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Equal(t, 1, firsts, "one of the eight deliveries of the same event is the first")
	require.True(t, deliver(t, store, "ev-1", "bob"), "the same event reaches another person")
	var inbox, mails int
	require.NoError(t, db.NewRaw("SELECT (SELECT count(*) FROM notifications), (SELECT count(*) FROM notification_mails)").Scan(t.Context(), &inbox, &mails))
	require.Equal(t, 2, inbox)
	require.Equal(t, 2, mails)
}

func TestNotifications_InboxIsEachPersonsOwn(t *testing.T) {
	t.Parallel()
	store := postgres.NewNotifications(newDB(t))
	ctx := t.Context()
	for _, ev := range []string{"ev-1", "ev-2", "ev-3"} {
		deliver(t, store, ev, "ann")
	}
	deliver(t, store, "ev-4", "bob")

	page, err := store.List(ctx, "ann", "", 2)
	require.NoError(t, err)
	require.Len(t, page, 2)
	require.Equal(t, []string{"ev-3", "ev-2"}, []string{page[0].EventID, page[1].EventID}, "newest first")
	rest, err := store.List(ctx, "ann", page[1].ID, 2)
	require.NoError(t, err)
	require.Len(t, rest, 1)
	require.Equal(t, "ev-1", rest[0].EventID)

	bobs, err := store.List(ctx, "bob", "", 10)
	require.NoError(t, err)
	require.Len(t, bobs, 1)
	require.ErrorIs(t, store.MarkRead(ctx, "ann", bobs[0].ID, t0), notification.ErrNotFound, "Ann cannot mark Bob's")
	unread, err := store.Unread(ctx, "bob")
	require.NoError(t, err)
	require.Equal(t, 1, unread)

	require.NoError(t, store.MarkRead(ctx, "ann", page[0].ID, t0))
	require.NoError(t, store.MarkRead(ctx, "ann", page[0].ID, t0.Add(time.Hour)), "marking again is no error")
	again, err := store.List(ctx, "ann", "", 1)
	require.NoError(t, err)
	require.Equal(t, t0, *again[0].ReadAt, "the first mark stays")
	n, err := store.MarkAllRead(ctx, "ann", t0)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	unread, err = store.Unread(ctx, "ann")
	require.NoError(t, err)
	require.Zero(t, unread)
}

func TestNotifications_AClaimedMailWaitsForItsLeaseAndASentOneNeverComesBack(t *testing.T) {
	t.Parallel()
	store := postgres.NewNotifications(newDB(t))
	ctx := t.Context()
	deliver(t, store, "ev-1", "ann")

	claimed, err := store.Claim(ctx, 10, time.Hour)
	require.NoError(t, err)
	require.Len(t, claimed, 1)
	require.Equal(t, 1, claimed[0].Attempts)
	require.Equal(t, "ann@example.test", claimed[0].To)
	other, err := store.Claim(ctx, 10, time.Hour)
	require.NoError(t, err)
	require.Empty(t, other, "another relay does not take a mail under lease")

	require.NoError(t, store.PutOff(ctx, claimed[0].Key(), time.Now().Add(-time.Second), "connection refused"))
	retry, err := store.Claim(ctx, 10, time.Hour)
	require.NoError(t, err)
	require.Len(t, retry, 1)
	require.Equal(t, 2, retry[0].Attempts)
	pending, err := store.PendingMails(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, pending)

	require.NoError(t, store.Sent(ctx, retry[0].Key(), t0))
	require.NoError(t, store.PutOff(ctx, retry[0].Key(), time.Now().Add(-time.Second), "late failure report"), "a late report changes nothing")
	none, err := store.Claim(ctx, 10, 0)
	require.NoError(t, err)
	require.Empty(t, none)
	pending, err = store.PendingMails(ctx)
	require.NoError(t, err)
	require.Zero(t, pending)
}

func TestNotifications_PreferencesKeepTheKindsNotNamed(t *testing.T) {
	t.Parallel()
	store := postgres.NewNotifications(newDB(t))
	ctx := t.Context()
	require.NoError(t, store.SetPreferences(ctx, "ann", []notification.Preference{
		{Kind: notification.KindResultsReleased, Choice: notification.Choice{InApp: true}},
		{Kind: notification.KindCertificateIssued, Choice: notification.Choice{}},
	}, t0))
	require.NoError(t, store.SetPreferences(ctx, "ann", []notification.Preference{
		{Kind: notification.KindCertificateIssued, Choice: notification.Choice{Email: true}},
	}, t0))
	p, err := store.Preferences(ctx, "ann")
	require.NoError(t, err)
	require.Equal(t, notification.Choice{InApp: true}, p.For(notification.KindResultsReleased))
	require.Equal(t, notification.Choice{Email: true}, p.For(notification.KindCertificateIssued))
	require.Equal(t, notification.DefaultChoice, p.For(notification.KindWaitlistPromoted))
	bob, err := store.Preferences(ctx, "bob")
	require.NoError(t, err)
	require.Equal(t, notification.DefaultChoice, bob.For(notification.KindResultsReleased))
}
