package service_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"lms/iam/internal/service"
	"lms/shared/events"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/kafka"
)

// startIAMWith starts iam with the test provider as "uni" (people of
// uni.example; group "teachers" maps to teacher) and a provider nobody
// listens for as "down".
func startIAMWith(t *testing.T, p *provider) *iam {
	t.Helper()
	cfg, err := json.Marshal([]map[string]any{
		{"id": "uni", "name": "University", "issuer": p.srv.URL, "client_id": p.clientID, "client_secret": "test-secret",
			"allowed_domains": []string{"uni.example"}, "role_map": map[string]string{"teachers": "teacher"}},
		{"id": "down", "name": "Down", "issuer": "http://127.0.0.1:9/realm", "client_id": "x", "client_secret": "y"},
	})
	require.NoError(t, err)
	return startIAM(t, func(c *service.Config) {
		c.Identity.External = service.ExternalSignIn{
			Providers: string(cfg), CallbackURL: "http://gateway.test/api/v1/auth/oidc",
			ReturnURLs: []string{"https://app.uni.example/signed-in"},
		}
	})
}

// signIn runs a sign-in at "uni" for the person edit describes and returns
// iam's answer at the callback.
func (s *iam) signIn(t *testing.T, p *provider, edit func(map[string]any), sign func(*provider, map[string]any) string) (*iamv1.FinishExternalSignInResponse, error) {
	t.Helper()
	st, err := s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
	require.NoError(t, err)
	state, code := p.authorize(t, st.GetAuthorizationUrl(), s.clock.Now(), edit, sign)
	require.Equal(t, state, st.GetState())
	return s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code})
}

func (s *iam) count(t *testing.T, table, where string, args ...any) int {
	t.Helper()
	n, err := s.db.NewSelect().Table(table).Where(where, args...).Count(t.Context())
	require.NoError(t, err)
	return int(n)
}

func person(sub, email string, more ...any) func(map[string]any) {
	return func(c map[string]any) {
		c["sub"], c["email"] = sub, email
		for i := 0; i+1 < len(more); i += 2 {
			c[more[i].(string)] = more[i+1]
		}
	}
}

func TestExternalSignIn_CreatesTheAccountAppliesRolesAndSignsIn(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)

	done, err := s.signIn(t, p, person("grace", "grace@uni.example", "groups", []string{"teachers", "staff"}), nil)
	require.NoError(t, err)
	tok, err := s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
	require.NoError(t, err)
	require.Equal(t, "grace@uni.example", tok.GetUser().GetEmail())
	require.Equal(t, "Ada Lovelace", tok.GetUser().GetDisplayName())
	require.ElementsMatch(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT, iamv1.Role_ROLE_TEACHER}, tok.GetUser().GetRoles())
	me := bearer(t.Context(), tok.GetAccessToken())
	_, err = s.client.GetUser(me, &iamv1.GetUserRequest{UserId: tok.GetUser().GetId()})
	require.NoError(t, err, "the access token is an ordinary LMS token")

	_, err = s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
	requireStatus(t, err, codes.Unauthenticated, "sign-in-code-invalid")

	ids, err := s.client.ListIdentities(me, &iamv1.ListIdentitiesRequest{})
	require.NoError(t, err)
	require.Len(t, ids.GetIdentities(), 1)
	require.Equal(t, p.srv.URL, ids.GetIdentities()[0].GetIssuer())
	require.Equal(t, "grace", ids.GetIdentities()[0].GetSubject())
	_, err = s.client.UnlinkIdentity(me, &iamv1.UnlinkIdentityRequest{IdentityId: ids.GetIdentities()[0].GetId()})
	requireStatus(t, err, codes.FailedPrecondition, "identity-last-sign-in")
	_, err = s.client.Login(t.Context(), &iamv1.LoginRequest{Email: "grace@uni.example", Password: "", ClientAddress: "198.51.100.7"})
	requireStatus(t, err, codes.Unauthenticated, "invalid-credentials")
	guess, next := "a-guess-at-no-password", "a-new-password-123"
	_, err = s.client.ChangePassword(me, &iamv1.ChangePasswordRequest{CurrentPassword: guess, NewPassword: next})
	requireStatus(t, err, codes.InvalidArgument, "wrong-password")

	// Out of the group at the provider: the next sign-in takes teacher away,
	// and both changes are published like any other.
	done, err = s.signIn(t, p, person("grace", "grace@uni.example"), nil)
	require.NoError(t, err)
	tok, err = s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
	require.NoError(t, err)
	require.Equal(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT}, tok.GetUser().GetRoles())
	require.Equal(t, 1, s.count(t, "users", "email = ?", "grace@uni.example"))
	require.Equal(t, []string{events.TypeUserRegistered, events.TypeUserRolesChanged}, s.eventTypes(t, tok.GetUser().GetId(), 2))
}

func TestExternalSignIn_LinksOnlyAVerifiedEmail(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)
	admin := s.adminCtx(t)
	made, err := s.client.CreateUser(admin, &iamv1.CreateUserRequest{Email: "ada@uni.example", DisplayName: "Ada", Password: "ada-password-123"})
	require.NoError(t, err)

	_, err = s.signIn(t, p, person("ada-sub", "ada@uni.example", "email_verified", false), nil)
	requireStatus(t, err, codes.PermissionDenied, "oidc-email-unverified")
	require.Zero(t, s.count(t, "external_identities", "subject = ?", "ada-sub"), "nothing linked")

	done, err := s.signIn(t, p, person("ada-sub", "ada@uni.example"), nil)
	require.NoError(t, err)
	tok, err := s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
	require.NoError(t, err)
	require.Equal(t, made.GetUser().GetId(), tok.GetUser().GetId(), "linked to the existing account")

	// She has a password, so the identity may go; then the provider's
	// verified email links it again at her next sign-in.
	me := bearer(t.Context(), tok.GetAccessToken())
	ids, err := s.client.ListIdentities(me, &iamv1.ListIdentitiesRequest{})
	require.NoError(t, err)
	require.Len(t, ids.GetIdentities(), 1)
	_, err = s.client.UnlinkIdentity(me, &iamv1.UnlinkIdentityRequest{IdentityId: ids.GetIdentities()[0].GetId()})
	require.NoError(t, err)
	require.Zero(t, s.count(t, "external_identities", "subject = ?", "ada-sub"))
	_, err = s.client.UnlinkIdentity(me, &iamv1.UnlinkIdentityRequest{IdentityId: ids.GetIdentities()[0].GetId()})
	requireStatus(t, err, codes.NotFound, "identity-not-found")
}

func TestExternalSignIn_RefusesAndCreatesNothing(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)
	stranger, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	// tamper signs honestly, then swaps in another email under the signature.
	tamper := func(p *provider, c map[string]any) string {
		honest := strings.Split(p.sign(c), ".")
		c["email"] = "root@uni.example"
		forged := strings.Split(p.sign(c), ".")
		return honest[0] + "." + forged[1] + "." + honest[2]
	}
	now := s.clock.Now()
	cases := []struct {
		name   string
		edit   func(map[string]any)
		sign   func(*provider, map[string]any) string
		code   codes.Code
		reason string
	}{
		{"an ID token with another nonce", func(c map[string]any) { c["nonce"] = "not-this-sign-in" }, nil, codes.Unauthenticated, "oidc-nonce-mismatch"},
		{"a tampered ID token", nil, tamper, codes.Unauthenticated, "oidc-id-token-invalid"},
		{"an ID token signed by another key", nil, func(_ *provider, c map[string]any) string { return signWith(stranger, c) }, codes.Unauthenticated, "oidc-id-token-invalid"},
		{"an ID token from another issuer", func(c map[string]any) { c["iss"] = "https://idp.elsewhere.example" }, nil, codes.Unauthenticated, "oidc-id-token-invalid"},
		{"an expired ID token", func(c map[string]any) { c["exp"] = now.Add(-2 * time.Minute).Unix() }, nil, codes.Unauthenticated, "oidc-id-token-expired"},
		{"an ID token for another audience", func(c map[string]any) { c["aud"] = "someone-else" }, nil, codes.Unauthenticated, "oidc-id-token-audience"},
		{"an email outside the allowed domains", func(c map[string]any) { c["email"] = "eve@elsewhere.example" }, nil, codes.PermissionDenied, "oidc-domain-not-allowed"},
		{"an unverified email", func(c map[string]any) { c["email_verified"] = false }, nil, codes.PermissionDenied, "oidc-email-unverified"},
	}
	for i, tc := range cases {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			sub := fmt.Sprintf("refused-%d", i)
			email := fmt.Sprintf("refused-%d@uni.example", i)
			_, err := s.signIn(t, p, func(c map[string]any) {
				person(sub, email)(c)
				if tc.edit != nil {
					tc.edit(c)
				}
			}, tc.sign)
			requireStatus(t, err, tc.code, tc.reason)
			require.Zero(t, s.count(t, "users", "email IN (?, ?, ?)", email, "root@uni.example", "eve@elsewhere.example"), "no account")
			require.Zero(t, s.count(t, "external_identities", "subject = ?", sub), "no identity")
			require.Zero(t, s.count(t, "signin_grants", "true"), "no code")
		})
	}

	t.Run("refuses a code the provider does not know", func(t *testing.T) {
		st, err := s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
		require.NoError(t, err)
		_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: st.GetState(), Code: "made-up"})
		requireStatus(t, err, codes.Unauthenticated, "oidc-code-rejected")
	})
}

func TestExternalSignIn_StateIsSingleUseAndShortLived(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)

	_, err := s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: "guessed", Code: "x"})
	requireStatus(t, err, codes.Unauthenticated, "oidc-state-invalid")

	st, err := s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
	require.NoError(t, err)
	state, code := p.authorize(t, st.GetAuthorizationUrl(), s.clock.Now(), person("replay", "replay@uni.example"), nil)
	_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code})
	require.NoError(t, err)
	_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code})
	requireStatus(t, err, codes.Unauthenticated, "oidc-state-invalid")

	st, err = s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
	require.NoError(t, err)
	state, code = p.authorize(t, st.GetAuthorizationUrl(), s.clock.Now(), person("late", "late@uni.example"), nil)
	s.clock.Advance(11 * time.Minute)
	_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code})
	requireStatus(t, err, codes.Unauthenticated, "oidc-state-invalid")
	require.Zero(t, s.count(t, "users", "email = ?", "late@uni.example"))

	// The person cancelled at the provider: refused, and the state is spent.
	st, err = s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
	require.NoError(t, err)
	_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: st.GetState(), Error: "access_denied"})
	requireStatus(t, err, codes.Unauthenticated, "oidc-provider-refused")
	_, err = s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: st.GetState(), Code: "x"})
	requireStatus(t, err, codes.Unauthenticated, "oidc-state-invalid")

	_, err = s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "down"})
	requireStatus(t, err, codes.Unavailable, "oidc-provider-unavailable")
	_, err = s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "nobody"})
	requireStatus(t, err, codes.NotFound, "oidc-provider-unknown")
	for _, to := range []string{"https://evil.example/", "https://app.uni.example/signed-in.evil.example", "https://app.uni.example/signed-in@evil.example"} {
		_, err = s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni", ReturnTo: to})
		requireStatus(t, err, codes.InvalidArgument, "return-to-not-allowed")
	}
}

func TestExternalSignIn_SendsThePersonBackWhereTheyStarted(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)
	to := "https://app.uni.example/signed-in?course=42"
	st, err := s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni", ReturnTo: to})
	require.NoError(t, err)
	state, code := p.authorize(t, st.GetAuthorizationUrl(), s.clock.Now(), person("back", "back@uni.example"), nil)
	done, err := s.client.FinishExternalSignIn(t.Context(), &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code})
	require.NoError(t, err)
	require.Equal(t, to, done.GetReturnTo())
}

func TestExternalSignIn_KeepsADisabledUserOut(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)
	done, err := s.signIn(t, p, person("linus", "linus@uni.example"), nil)
	require.NoError(t, err)
	pendingCode := done.GetCode()
	tok, err := s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: pendingCode})
	require.NoError(t, err)
	done, err = s.signIn(t, p, person("linus", "linus@uni.example"), nil)
	require.NoError(t, err)

	_, err = s.client.DisableUser(s.adminCtx(t), &iamv1.DisableUserRequest{UserId: tok.GetUser().GetId()})
	require.NoError(t, err)
	_, err = s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
	requireStatus(t, err, codes.Unauthenticated, "account-disabled")
	_, err = s.signIn(t, p, person("linus", "linus@uni.example"), nil)
	requireStatus(t, err, codes.Unauthenticated, "account-disabled")
	require.Zero(t, s.count(t, "signin_grants", "true"))
}

// eventTypes reads the types of the first n events published for user id.
func (s *iam) eventTypes(t *testing.T, id string, n int) []string {
	t.Helper()
	got := make(chan events.Event, 16)
	consumer, err := kafka.NewConsumer(s.cfg.Kafka, kafka.ConsumerOptions{
		Group: s.kafka.Group("check"), Topics: []string{s.kafka.Prefix + "." + events.TopicIAM},
	}, func(_ context.Context, ev events.Event) error {
		if ev.Key == id {
			got <- ev
		}
		return nil
	}, s.log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = consumer.Run(ctx) }()
	var types []string
	require.Eventually(t, func() bool {
		for {
			select {
			case ev := <-got:
				types = append(types, ev.Type)
			default:
				return len(types) >= n
			}
		}
	}, 30*time.Second, 50*time.Millisecond)
	return types
}

func TestExternalSignIn_AFirstSignInTwiceAtOnceMakesOneAccount(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	s := startIAMWith(t, p)
	const tabs = 4
	reqs := make([]*iamv1.FinishExternalSignInRequest, tabs)
	for i := range reqs {
		st, err := s.client.StartExternalSignIn(t.Context(), &iamv1.StartExternalSignInRequest{Provider: "uni"})
		require.NoError(t, err)
		state, code := p.authorize(t, st.GetAuthorizationUrl(), s.clock.Now(), person("twice", "twice@uni.example"), nil)
		reqs[i] = &iamv1.FinishExternalSignInRequest{Provider: "uni", State: state, Code: code}
	}
	users := make(chan string, tabs)
	var wg sync.WaitGroup
	for _, req := range reqs {
		wg.Go(func() {
			done, err := s.client.FinishExternalSignIn(t.Context(), req)
			if !assert.NoError(t, err) {
				return
			}
			tok, err := s.client.ExchangeSignInCode(t.Context(), &iamv1.ExchangeSignInCodeRequest{Code: done.GetCode()})
			if assert.NoError(t, err) {
				users <- tok.GetUser().GetId()
			}
		})
	}
	wg.Wait()
	close(users)
	ids := map[string]bool{}
	for id := range users {
		ids[id] = true
	}
	require.Len(t, ids, 1, "every tab signed in to the same account")
	require.Equal(t, 1, s.count(t, "users", "email = ?", "twice@uni.example"))
	require.Equal(t, 1, s.count(t, "external_identities", "subject = ?", "twice"))
}
