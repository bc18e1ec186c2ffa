package identity_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

func TestPolicy_Decide(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	existing := user.Rehydrate("u1", "ada@uni.example", "Ada", user.Roles{user.RoleStudent}, user.StatusActive, "hash", now, now)
	linked := identity.New("i1", "u1", "uni", identity.Key{Issuer: "https://idp", Subject: "s"}, "ada@uni.example", now)
	open := identity.Policy{CreateAccounts: true, LinkByEmail: true}
	verified := identity.Claims{EmailVerified: true}
	cases := []struct {
		name    string
		policy  identity.Policy
		linked  *identity.Identity
		byEmail *user.User
		claims  identity.Claims
		want    identity.Decision
		err     error
	}{
		{"signs a linked identity in whatever its email says", open, linked, nil, identity.Claims{}, identity.SignIn, nil},
		{"links a verified email to its account", open, nil, existing, verified, identity.Link, nil},
		{"refuses to link an unverified email", open, nil, existing, identity.Claims{}, 0, identity.ErrEmailUnverified},
		{"refuses to link when linking is off", identity.Policy{CreateAccounts: true}, nil, existing, verified, 0, identity.ErrLinkNotAllowed},
		{"creates an account for a new person", open, nil, nil, verified, identity.Create, nil},
		{"refuses a new person when accounts are not created", identity.Policy{LinkByEmail: true}, nil, nil, verified, 0, identity.ErrNoAccount},
		{"refuses a new unverified email", open, nil, nil, identity.Claims{}, 0, identity.ErrEmailUnverified},
		{"creates for a provider trusted without email_verified", identity.Policy{CreateAccounts: true, TrustUnverifiedEmail: true}, nil, nil, identity.Claims{}, identity.Create, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.policy.Decide(tc.linked, tc.byEmail, tc.claims)
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestPolicy_Admit(t *testing.T) {
	t.Parallel()
	p := identity.Policy{AllowedDomains: []string{"uni.example"}}
	email, err := p.Admit(identity.Claims{Email: "Ada@Uni.Example"})
	require.NoError(t, err)
	require.Equal(t, user.Email("ada@uni.example"), email)
	_, err = p.Admit(identity.Claims{Email: "eve@uni.example.evil"})
	require.ErrorIs(t, err, identity.ErrDomainNotAllowed)
	_, err = p.Admit(identity.Claims{})
	require.ErrorIs(t, err, identity.ErrEmailMissing)
	_, err = identity.Policy{HostedDomain: "uni.example"}.Admit(identity.Claims{Email: "ada@gmail.com", HostedDomain: ""})
	require.ErrorIs(t, err, identity.ErrDomainNotAllowed, "a Google account outside the Workspace")
}

func TestPolicy_Roles(t *testing.T) {
	t.Parallel()
	p := identity.Policy{RoleMap: map[string]user.Role{"teachers": user.RoleTeacher}}
	got, err := p.Roles(user.Roles{user.RoleAdmin, user.RoleStudent, user.RoleTeacher}, identity.Claims{Groups: []string{"staff"}})
	require.NoError(t, err)
	require.Equal(t, user.Roles{user.RoleAdmin, user.RoleStudent}, got, "teacher follows the provider, admin granted in the LMS stays")
	got, err = p.Roles(nil, identity.Claims{Groups: []string{"teachers"}})
	require.NoError(t, err)
	require.Equal(t, user.Roles{user.RoleStudent, user.RoleTeacher}, got)
	got, err = identity.Policy{}.Roles(user.Roles{user.RoleStudent, user.RoleTeacher}, identity.Claims{})
	require.NoError(t, err)
	require.Equal(t, user.Roles{user.RoleStudent, user.RoleTeacher}, got, "no mapping changes nothing")
}

func TestCheckUnlink(t *testing.T) {
	t.Parallel()
	now := time.Now()
	a := identity.New("a", "u", "uni", identity.Key{Issuer: "i", Subject: "1"}, "", now)
	b := identity.New("b", "u", "google", identity.Key{Issuer: "j", Subject: "2"}, "", now)
	require.ErrorIs(t, identity.CheckUnlink("a", []*identity.Identity{a}, false), identity.ErrLastSignIn)
	require.NoError(t, identity.CheckUnlink("a", []*identity.Identity{a}, true))
	require.NoError(t, identity.CheckUnlink("a", []*identity.Identity{a, b}, false))
	require.ErrorIs(t, identity.CheckUnlink("c", []*identity.Identity{a, b}, true), identity.ErrNotFound)
}
