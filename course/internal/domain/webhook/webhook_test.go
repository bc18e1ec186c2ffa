package webhook_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/webhook"
	"lms/shared/errs"
)

// The test vector the Standard Webhooks specification's reference libraries
// share (libraries/go/webhook_test.go, TestWebhookSign, and the same in the
// JavaScript, Java and C# libraries).
func TestSecret_SignsTheStandardWebhooksTestVector(t *testing.T) {
	t.Parallel()
	sig, err := webhook.Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").
		Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	require.NoError(t, err)
	require.Equal(t, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig)
}

func TestNewSecret_IsWhsecAndBase64OfTheKey(t *testing.T) {
	t.Parallel()
	s, err := webhook.NewSecret(make([]byte, 32))
	require.NoError(t, err)
	require.Equal(t, webhook.Secret("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), s)
	_, err = webhook.NewSecret(make([]byte, 8))
	require.Error(t, err, "too short a key is refused")
}

func TestCheckURL(t *testing.T) {
	t.Parallel()
	strict, local := webhook.URLPolicy{}, webhook.URLPolicy{AllowPrivate: true}
	for _, tc := range []struct {
		name   string
		url    string
		policy webhook.URLPolicy
		want   error
	}{
		{"accepts a public https URL", "https://sis.example.org/hooks/lms", strict, nil},
		{"refuses another scheme", "ftp://sis.example.org/x", strict, webhook.ErrBadURL},
		{"refuses a relative URL", "/hooks", strict, webhook.ErrBadURL},
		{"refuses user information", "https://user:pw@sis.example.org/", strict, webhook.ErrBadURL},
		{"refuses loopback in production", "http://127.0.0.1:8080/", strict, webhook.ErrPrivateURL},
		{"refuses localhost in production", "http://localhost/", strict, webhook.ErrPrivateURL},
		{"refuses a private network in production", "http://10.1.2.3/", strict, webhook.ErrPrivateURL},
		{"refuses the cloud metadata address", "http://169.254.169.254/latest", strict, webhook.ErrPrivateURL},
		{"refuses IPv6 loopback in production", "http://[::1]/", strict, webhook.ErrPrivateURL},
		{"allows loopback where configured", "http://127.0.0.1:8080/", local, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := webhook.CheckURL(tc.url, tc.policy)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, errs.InvalidArgument, errs.KindOf(err))
		})
	}
}

func TestNewEndpoint_NamesOnlyKnownEventTypes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	known := []string{"lms.course.enrollment.activated.v1", "lms.iam.user.registered.v1"}
	_, err := webhook.NewEndpoint("e1", "https://x.example/", []string{"lms.nope.v1"}, "", "whsec_x", known, webhook.URLPolicy{}, now)
	require.ErrorIs(t, err, webhook.ErrBadEventTypes)
	_, err = webhook.NewEndpoint("e1", "https://x.example/", nil, "", "whsec_x", known, webhook.URLPolicy{}, now)
	require.ErrorIs(t, err, webhook.ErrBadEventTypes)
	_, err = webhook.NewEndpoint("e1", "https://x.example/", []string{known[0]}, "a\x00b", "whsec_x", known, webhook.URLPolicy{}, now)
	require.ErrorIs(t, err, webhook.ErrBadDescription, "a NUL is no text")
	e, err := webhook.NewEndpoint("e1", "https://x.example/", []string{known[0], known[0]}, " SIS ", "whsec_x", known, webhook.URLPolicy{}, now)
	require.NoError(t, err)
	require.Equal(t, []string{known[0]}, e.EventTypes)
	require.True(t, e.Wants(known[0], now))
	require.False(t, e.Wants(known[1], now), "a type it did not name")
	require.False(t, e.Wants(known[0], now.Add(-time.Second)), "an event from before it was registered")
	e.Enabled = false
	require.False(t, e.Wants(known[0], now), "a disabled endpoint")
}

func TestBackoff_Next(t *testing.T) {
	t.Parallel()
	b := webhook.Backoff{Min: 5 * time.Second, Max: time.Hour}
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	window := now.Add(webhook.RetryWindow)
	next, ok := b.Next(1, 0, now, window)
	require.True(t, ok)
	require.Equal(t, now.Add(2500*time.Millisecond), next, "half the first wait with no jitter")
	next, _ = b.Next(3, 0.999999, now, window)
	require.WithinDuration(t, now.Add(20*time.Second), next, time.Millisecond, "doubled twice, jitter up to the whole wait")
	next, _ = b.Next(40, 0.5, now, window)
	require.Equal(t, now.Add(45*time.Minute), next, "capped at the maximum")
	next, ok = b.Next(40, 0.5, window.Add(-time.Minute), window)
	require.True(t, ok)
	require.Equal(t, window, next, "the last try falls at the window's end")
	_, ok = b.Next(41, 0.5, window, window)
	require.False(t, ok, "given up once the day is over")
}

func TestEvent_PayloadIsStructuredCloudEvent(t *testing.T) {
	t.Parallel()
	ev := webhook.Event{ID: "01", Type: "lms.course.enrollment.activated.v1", Source: "lms/course", Subject: "enrollments/e1",
		Time: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), Topic: "lms.course.v1", Key: "c1", Data: []byte(`{"a":1}`)}
	p, err := ev.Payload()
	require.NoError(t, err)
	require.JSONEq(t, `{"specversion":"1.0","id":"01","type":"lms.course.enrollment.activated.v1","source":"lms/course",
		"subject":"enrollments/e1","time":"2026-12-01T08:00:00Z","datacontenttype":"application/json","data":{"a":1}}`, string(p))
	require.Equal(t, "enrollments/e1", ev.OrderingKey())
	ev.Subject = ""
	require.Equal(t, "lms.course.v1/c1", ev.OrderingKey())
}
