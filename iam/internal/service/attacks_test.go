package service_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	"lms/iam/internal/adapters/postgres"
	iamv1 "lms/shared/gen/iam/v1"
)

// adminCalls are the RPCs only admins may make, each calling as ctx.
func adminCalls(s *iam, target string) map[string]func(ctx context.Context) error {
	return map[string]func(ctx context.Context) error{
		"ListUsers": func(ctx context.Context) error {
			_, err := s.client.ListUsers(ctx, &iamv1.ListUsersRequest{})
			return err
		},
		"GetUser of someone else": func(ctx context.Context) error {
			_, err := s.client.GetUser(ctx, &iamv1.GetUserRequest{UserId: target})
			return err
		},
		"SetRoles": func(ctx context.Context) error {
			_, err := s.client.SetRoles(ctx, &iamv1.SetRolesRequest{UserId: target, Roles: []iamv1.Role{iamv1.Role_ROLE_ADMIN}})
			return err
		},
		"DisableUser": func(ctx context.Context) error {
			_, err := s.client.DisableUser(ctx, &iamv1.DisableUserRequest{UserId: target})
			return err
		},
		"EnableUser": func(ctx context.Context) error {
			_, err := s.client.EnableUser(ctx, &iamv1.EnableUserRequest{UserId: target})
			return err
		},
	}
}

func TestAdminRPCs_RefuseStudents(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	s.register(t, "mallory@example.com", "mallory-password")
	mallory := s.login(t, "mallory@example.com", "mallory-password")
	admin := s.login(t, adminEmail, adminPassword)
	ctx := bearer(t.Context(), mallory.GetAccessToken())

	for name, call := range adminCalls(s, admin.GetUser().GetId()) {
		t.Run(name, func(t *testing.T) { requireStatus(t, call(ctx), codes.PermissionDenied, "forbidden") })
	}
	// Not even to promote herself.
	_, err := s.client.SetRoles(ctx, &iamv1.SetRolesRequest{UserId: mallory.GetUser().GetId(), Roles: []iamv1.Role{iamv1.Role_ROLE_ADMIN}})
	requireStatus(t, err, codes.PermissionDenied, "forbidden")
	me, err := s.client.GetUser(ctx, &iamv1.GetUserRequest{UserId: mallory.GetUser().GetId()})
	require.NoError(t, err)
	require.Equal(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT}, me.GetUser().GetRoles())
}

func TestAdminRPCs_RefuseBadTokens(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.login(t, adminEmail, adminPassword)
	adminID := admin.GetUser().GetId()

	keys, err := postgres.NewSigningKeys(s.db, kek)
	require.NoError(t, err)
	real, ok, err := keys.Active(t.Context())
	require.NoError(t, err)
	require.True(t, ok)
	_, foreign, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)

	// forge signs admin claims for adminID, changed by edit, with key.
	forge := func(key ed25519.PrivateKey, edit func(jwt.Token)) string {
		now := s.clock.Now()
		tok, err := jwt.NewBuilder().Issuer("lms-iam").Audience([]string{"lms"}).Subject(adminID).
			IssuedAt(now).Expiration(now.Add(5*time.Minute)).JwtID("forged").Claim("roles", []string{"admin"}).Build()
		require.NoError(t, err)
		if edit != nil {
			edit(tok)
		}
		hdr := jws.NewHeaders()
		require.NoError(t, hdr.Set(jws.KeyIDKey, real.ID))
		b, err := jwt.Sign(tok, jwt.WithKey(jwa.EdDSA(), key, jws.WithProtectedHeaders(hdr)))
		require.NoError(t, err)
		return string(b)
	}
	_, err = s.client.ListUsers(bearer(t.Context(), forge(real.Private, nil)), &iamv1.ListUsersRequest{})
	require.NoError(t, err, "the forger's tool works with the real key, so each refusal below is for its own reason")

	payload := strings.Split(admin.GetAccessToken(), ".")[1]
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT","kid":"`+real.ID+`"}`)) + "." + payload + "."
	tokens := map[string]string{
		"alg none":              none,
		"signed by another key": forge(foreign, nil),
		"wrong audience":        forge(real.Private, func(tok jwt.Token) { _ = tok.Set("aud", []string{"elsewhere"}) }),
		"wrong issuer":          forge(real.Private, func(tok jwt.Token) { _ = tok.Set("iss", "evil") }),
		"not a token":           "garbage",
	}
	for name, tok := range tokens {
		for call, do := range adminCalls(s, adminID) {
			t.Run(name+"/"+call, func(t *testing.T) {
				requireStatus(t, do(bearer(t.Context(), tok)), codes.Unauthenticated, "invalid-token")
			})
		}
	}
	noToken := adminCalls(s, adminID)["ListUsers"](t.Context())
	requireStatus(t, noToken, codes.Unauthenticated, "invalid-token")
	basic := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Basic "+admin.GetAccessToken())
	requireStatus(t, adminCalls(s, adminID)["ListUsers"](basic), codes.Unauthenticated, "invalid-token")

	// The admin's own, genuine token stops working once it expires.
	ctx := bearer(t.Context(), admin.GetAccessToken())
	_, err = s.client.ListUsers(ctx, &iamv1.ListUsersRequest{})
	require.NoError(t, err)
	s.clock.Advance(15*time.Minute + 2*time.Minute)
	_, err = s.client.ListUsers(ctx, &iamv1.ListUsersRequest{})
	requireStatus(t, err, codes.Unauthenticated, "invalid-token")
}

func TestAdminRPCs_RefuseADisabledAdminsToken(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	root := s.adminCtx(t)
	s.register(t, "second@example.com", "second-admin-password")
	second := s.login(t, "second@example.com", "second-admin-password")
	_, err := s.client.SetRoles(root, &iamv1.SetRolesRequest{UserId: second.GetUser().GetId(), Roles: []iamv1.Role{iamv1.Role_ROLE_ADMIN}})
	require.NoError(t, err)
	// The token still says "student": roles are checked as they are now.
	secondCtx := bearer(t.Context(), second.GetAccessToken())
	_, err = s.client.ListUsers(secondCtx, &iamv1.ListUsersRequest{})
	require.NoError(t, err, "a fresh grant applies at once")

	_, err = s.client.DisableUser(root, &iamv1.DisableUserRequest{UserId: second.GetUser().GetId()})
	require.NoError(t, err)
	_, err = s.client.ListUsers(secondCtx, &iamv1.ListUsersRequest{})
	requireStatus(t, err, codes.Unauthenticated, "invalid-token")
}
