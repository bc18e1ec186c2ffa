package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"lms/shared/auth"
	iamv1 "lms/shared/gen/iam/v1"
)

func TestSession_RegisterLoginRefreshLogout(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	ctx := t.Context()
	s.register(t, " Ann.Lee@Example.com", "ann-password-123")

	login := s.login(t, "ann.lee@example.com", "ann-password-123")
	require.Equal(t, "ann.lee@example.com", login.GetUser().GetEmail())
	require.Equal(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT}, login.GetUser().GetRoles(), "self-registration makes students")
	require.Equal(t, s.clock.Now().Add(15*time.Minute), login.GetAccessExpiresAt().AsTime())
	require.Equal(t, s.clock.Now().Add(24*time.Hour), login.GetRefreshExpiresAt().AsTime())

	// The gateway's verifier, fed with the keys iam publishes, accepts the token.
	keys := auth.NewKeySet(auth.KeySourceFunc(func(ctx context.Context) ([]auth.PublicKey, error) {
		resp, err := s.client.GetSigningKeys(ctx, &iamv1.GetSigningKeysRequest{})
		if err != nil {
			return nil, err
		}
		out := make([]auth.PublicKey, 0, len(resp.GetKeys()))
		for _, k := range resp.GetKeys() {
			out = append(out, auth.PublicKey{ID: k.GetKid(), Key: k.GetPublicKey()})
		}
		return out, nil
	}), auth.KeySetOptions{})
	verifier, err := auth.NewVerifier(keys, auth.VerifierOptions{Now: s.clock.Now})
	require.NoError(t, err)
	p, err := verifier.Verify(ctx, login.GetAccessToken())
	require.NoError(t, err)
	require.Equal(t, login.GetUser().GetId(), p.UserID)
	require.Equal(t, []string{"student"}, p.Roles)

	me, err := s.client.GetUser(bearer(ctx, login.GetAccessToken()), &iamv1.GetUserRequest{UserId: login.GetUser().GetId()})
	require.NoError(t, err)
	require.Equal(t, "Test User", me.GetUser().GetDisplayName())

	s.clock.Advance(time.Hour)
	refreshed, err := s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: login.GetRefreshToken()})
	require.NoError(t, err)
	require.NotEqual(t, login.GetRefreshToken(), refreshed.GetRefreshToken(), "rotated on every use")
	require.NotEqual(t, login.GetAccessToken(), refreshed.GetAccessToken())
	_, err = verifier.Verify(ctx, refreshed.GetAccessToken())
	require.NoError(t, err)

	again, err := s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: refreshed.GetRefreshToken()})
	require.NoError(t, err)

	_, err = s.client.Logout(ctx, &iamv1.LogoutRequest{RefreshToken: again.GetRefreshToken()})
	require.NoError(t, err)
	_, err = s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: again.GetRefreshToken()})
	requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")
	_, err = s.client.Logout(ctx, &iamv1.LogoutRequest{RefreshToken: again.GetRefreshToken()})
	require.NoError(t, err, "logging out twice is fine")
}

func TestRefresh_ReusedTokenRevokesTheWholeFamily(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	ctx := t.Context()
	s.register(t, "ann@example.com", "ann-password-123")
	login := s.login(t, "ann@example.com", "ann-password-123")
	other := s.login(t, "ann@example.com", "ann-password-123")

	// The thief and the user both hold the first token; the user refreshes.
	newer, err := s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: login.GetRefreshToken()})
	require.NoError(t, err)
	// The thief replays the spent token: refused, and the family is revoked...
	_, err = s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: login.GetRefreshToken()})
	requireStatus(t, err, codes.Unauthenticated, "refresh-token-reused")
	// ...so the newer token the user (or the thief) holds is dead too.
	_, err = s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: newer.GetRefreshToken()})
	requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")

	_, err = s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: other.GetRefreshToken()})
	require.NoError(t, err, "the user's other sessions are untouched")
}

func TestRefresh_RefusesExpiredAndMadeUpTokens(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	ctx := t.Context()
	s.register(t, "ann@example.com", "ann-password-123")
	login := s.login(t, "ann@example.com", "ann-password-123")

	for _, tok := range []string{"", "made-up", login.GetAccessToken()} {
		_, err := s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: tok})
		requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")
	}
	s.clock.Advance(24 * time.Hour)
	_, err := s.client.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: login.GetRefreshToken()})
	requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")
}
