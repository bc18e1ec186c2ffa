package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/gateway/internal/app"
	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
)

// externalIAM is an iam that also signs people in through providers; it
// counts the callbacks that reached it.
type externalIAM struct {
	recordingIAM
	finished int
}

func (f *externalIAM) ListIdentityProviders(context.Context) ([]session.Provider, error) {
	return []session.Provider{{ID: "uni", Name: "University"}}, nil
}
func (f *externalIAM) StartExternalSignIn(context.Context, string, string) (session.ExternalStart, error) {
	return session.ExternalStart{AuthURL: "https://idp.example/auth", State: "s1"}, nil
}
func (f *externalIAM) FinishExternalSignIn(context.Context, session.ExternalCallback) (session.ExternalDone, error) {
	f.finished++
	return session.ExternalDone{Code: "one-time"}, nil
}
func (f *externalIAM) ExchangeSignInCode(context.Context, string) (session.Session, error) {
	return session.Session{AccessToken: "t"}, nil
}
func (f *externalIAM) ListIdentities(context.Context, string) ([]session.Identity, error) {
	return nil, nil
}
func (f *externalIAM) UnlinkIdentity(context.Context, string, string) error { return nil }

func TestApplication_FinishExternalSignIn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		state, cookie string
	}{
		{"refuses a callback without the browser's state cookie", "s1", ""},
		{"refuses a callback whose state is not the browser's", "s1", "s2"},
		{"refuses a callback without a state", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			iam := &externalIAM{}
			_, err := app.New(iam).FinishExternalSignIn(t.Context(), session.ExternalCallback{Provider: "uni", State: tc.state, Code: "c"}, tc.cookie)
			e, ok := errs.As(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, "oidc-state-invalid", e.Slug)
			require.Zero(t, iam.finished, "iam is not asked")
		})
	}
	t.Run("passes the browser's own callback to iam", func(t *testing.T) {
		t.Parallel()
		iam := &externalIAM{}
		done, err := app.New(iam).FinishExternalSignIn(t.Context(), session.ExternalCallback{Provider: "uni", State: "s1", Code: "c"}, "s1")
		require.NoError(t, err)
		require.Equal(t, "one-time", done.Code)
		require.Equal(t, 1, iam.finished)
	})
	t.Run("answers unknown provider when iam offers no external sign-in", func(t *testing.T) {
		t.Parallel()
		_, err := app.New(&recordingIAM{}).StartExternalSignIn(t.Context(), "uni", "")
		e, ok := errs.As(err)
		require.True(t, ok, "%v", err)
		require.Equal(t, "oidc-provider-unknown", e.Slug)
	})
}
