package notification_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/notification"
)

var at = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func event(kind notification.Kind) notification.Event {
	return notification.Event{ID: "ev-1", Kind: kind, Recipient: "u-1", CourseID: "c-1", CourseTitle: "Queues", At: at}
}

func TestPreferences(t *testing.T) {
	t.Parallel()
	t.Run("a kind nobody chose reaches her both ways", func(t *testing.T) {
		t.Parallel()
		p, err := notification.NewPreferences(nil)
		require.NoError(t, err)
		require.Equal(t, notification.DefaultChoice, p.For(notification.KindResultsReleased))
		require.Len(t, p.List(), len(notification.Kinds()))
	})
	t.Run("a choice holds for its kind only", func(t *testing.T) {
		t.Parallel()
		p, err := notification.NewPreferences([]notification.Preference{{Kind: notification.KindWaitlistPromoted, Choice: notification.Choice{InApp: true}}})
		require.NoError(t, err)
		require.Equal(t, notification.Choice{InApp: true}, p.For(notification.KindWaitlistPromoted))
		require.Equal(t, notification.DefaultChoice, p.For(notification.KindCertificateIssued))
	})
	t.Run("refuses a kind the LMS does not send", func(t *testing.T) {
		t.Parallel()
		_, err := notification.NewPreferences([]notification.Preference{{Kind: "lunch_menu"}})
		require.ErrorIs(t, err, notification.ErrUnknownKind)
	})
}

func TestPlan(t *testing.T) {
	t.Parallel()
	all, err := notification.NewPreferences(nil)
	require.NoError(t, err)
	noMail, err := notification.NewPreferences([]notification.Preference{{Kind: notification.KindCertificateIssued, Choice: notification.Choice{InApp: true}}})
	require.NoError(t, err)
	tests := []struct {
		name          string
		prefs         notification.Preferences
		address       string
		inApp, mailed bool
	}{
		{"both channels by default", all, "ada@example.test", true, true},
		{"no mail when she turned it off", noMail, "ada@example.test", true, false},
		{"no mail while her address is unknown", all, "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := notification.Plan(event(notification.KindCertificateIssued), tt.prefs, "n-1", tt.address, "lms.test", at)
			require.Equal(t, tt.inApp, d.InApp != nil)
			require.Equal(t, tt.mailed, d.Email != nil)
			if d.Email != nil {
				require.Equal(t, notification.MessageID(d.Email.Key(), "lms.test"), d.Email.MessageID)
				require.Equal(t, tt.address, d.Email.To)
			}
		})
	}
}

func TestEvent_Promoted(t *testing.T) {
	t.Parallel()
	require.Equal(t, notification.KindWaitlistPromoted, event(notification.KindEnrollmentActivated).Promoted(true).Kind, "an activation after waiting")
	require.Equal(t, notification.KindEnrollmentActivated, event(notification.KindEnrollmentActivated).Promoted(false).Kind, "a seat at once")
	require.Equal(t, notification.KindCertificateIssued, event(notification.KindCertificateIssued).Promoted(true).Kind, "only activations")
}

func TestCompose_NamesTheCourseForEveryKind(t *testing.T) {
	t.Parallel()
	for _, k := range notification.Kinds() {
		m := notification.Compose(event(k))
		require.Contains(t, m.Subject, `"Queues"`, k)
		require.NotEmpty(t, m.Body, k)
	}
}

func TestMessageID_IsTheSameForTheSameDeliveryOnly(t *testing.T) {
	t.Parallel()
	k := notification.Key{EventID: "ev-1", Recipient: "u-1", Channel: notification.ChannelEmail}
	id := notification.MessageID(k, "lms.test")
	require.Equal(t, id, notification.MessageID(k, "lms.test"))
	require.Regexp(t, `^<notification\.[0-9a-f]{32}@lms\.test>$`, id)
	other := k
	other.Recipient = "u-2"
	require.NotEqual(t, id, notification.MessageID(other, "lms.test"), "two people's mails never share a Message-ID")
}

func TestEvent_Validate(t *testing.T) {
	t.Parallel()
	require.NoError(t, event(notification.KindResultsReleased).Validate())
	e := event(notification.KindResultsReleased)
	e.Recipient = ""
	require.ErrorIs(t, e.Validate(), notification.ErrBadEvent)
	e = event("lunch_menu")
	require.ErrorIs(t, e.Validate(), notification.ErrUnknownKind)
}

func TestEvent_Stale(t *testing.T) {
	t.Parallel()
	e := event(notification.KindResultsReleased)
	require.False(t, e.Stale(at.Add(72*time.Hour), 72*time.Hour), "three days old is still news")
	require.True(t, e.Stale(at.Add(73*time.Hour), 72*time.Hour), "older is not")
	require.False(t, e.Stale(at.AddDate(5, 0, 0), 0), "without a maximum age nothing is stale")
}

func TestPlan_HoldsTheMailForTheDigestOfWhoChoseIt(t *testing.T) {
	t.Parallel()
	prefs, err := notification.NewPreferences(nil)
	require.NoError(t, err)
	d := notification.Plan(event(notification.KindCertificateIssued), prefs.WithDigest(true), "n-1", "ann@example.test", "lms.test", at)
	require.NotNil(t, d.InApp, "the inbox is unchanged")
	require.NotNil(t, d.Email)
	require.True(t, d.Email.Digest)
	require.False(t, notification.Plan(event(notification.KindCertificateIssued), prefs, "n-1", "ann@example.test", "lms.test", at).Email.Digest)
}

func TestComposeDigest_ListsTheDaysNotifications(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	m := notification.ComposeDigest(day, []notification.Message{{Subject: "One", Body: "first"}, {Subject: "Two", Body: "second"}})
	require.Equal(t, "Your LMS notifications of Mon 30 Nov 2026 (2 notifications)", m.Subject)
	require.Contains(t, m.Body, "* One\n  first")
	require.Contains(t, m.Body, "* Two\n  second")
	require.Equal(t, "digest:2026-11-30", notification.DigestEventID(day))
}
