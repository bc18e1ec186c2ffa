package service_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/service"
	iamv1 "lms/shared/gen/iam/v1"
)

func TestSigningKeys_RotationKeepsOldTokensValid(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	before, err := s.client.GetSigningKeys(t.Context(), &iamv1.GetSigningKeysRequest{})
	require.NoError(t, err)
	require.Len(t, before.GetKeys(), 1)
	first := before.GetKeys()[0]
	require.Equal(t, "EdDSA", first.GetAlg())
	require.Len(t, first.GetPublicKey(), 32)
	require.Nil(t, first.GetNotAfter(), "the signing key has no end yet")
	oldToken := s.login(t, adminEmail, adminPassword).GetAccessToken()

	kid, err := service.RotateSigningKey(t.Context(), s.cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	after, err := s.client.GetSigningKeys(t.Context(), &iamv1.GetSigningKeysRequest{})
	require.NoError(t, err)
	require.Len(t, after.GetKeys(), 2)
	require.Equal(t, kid, after.GetKeys()[0].GetKid(), "newest first")
	retired := after.GetKeys()[1]
	require.Equal(t, first.GetKid(), retired.GetKid())
	// Rotation runs on the real clock; the retired key outlives its last token.
	require.WithinDuration(t, time.Now().Add(16*time.Minute), retired.GetNotAfter().AsTime(), time.Minute)

	newLogin := s.login(t, adminEmail, adminPassword)
	_, err = s.client.ListUsers(bearer(t.Context(), oldToken), &iamv1.ListUsersRequest{})
	require.NoError(t, err, "tokens of the retired key still verify")
	_, err = s.client.ListUsers(bearer(t.Context(), newLogin.GetAccessToken()), &iamv1.ListUsersRequest{})
	require.NoError(t, err)

	s.clock.Advance(time.Hour)
	later, err := s.client.GetSigningKeys(t.Context(), &iamv1.GetSigningKeysRequest{})
	require.NoError(t, err)
	require.Len(t, later.GetKeys(), 1, "the retired key is unpublished once its tokens expired")
	require.Equal(t, kid, later.GetKeys()[0].GetKid())
}

func TestFirstAdmin_IsCreatedOnceAcrossRestarts(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	// A second replica (or a restart) on the same schema.
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, cleanup, err := service.New(ctx, s.cfg, log, service.WithPublisher(prefixed{}))
	require.NoError(t, err)
	cleanup()

	admins, err := s.client.ListUsers(s.adminCtx(t), &iamv1.ListUsersRequest{Role: iamv1.Role_ROLE_ADMIN})
	require.NoError(t, err)
	require.Len(t, admins.GetUsers(), 1)
	keys, err := s.client.GetSigningKeys(t.Context(), &iamv1.GetSigningKeysRequest{})
	require.NoError(t, err)
	require.Len(t, keys.GetKeys(), 1, "the restart kept the signing key")
}
