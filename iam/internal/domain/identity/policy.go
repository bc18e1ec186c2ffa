package identity

import (
	"slices"
	"strings"

	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

// ErrLinkNotAllowed refuses a first sign-in whose email belongs to an account
// when the provider's configuration does not allow linking by email.
var ErrLinkNotAllowed = errs.New(errs.PermissionDenied, "oidc-link-not-allowed",
	"an account with this email exists and this provider may not link to it; sign in with a password and link from there")

// Claims are what a provider asserted about a person in a verified ID token.
type Claims struct {
	Key           Key
	Email         string
	EmailVerified bool
	// HostedDomain is Google Workspace's hd claim.
	HostedDomain string
	Name         string
	// Groups are the values of the claim the provider's role mapping reads.
	Groups []string
}

// Policy is how the LMS treats the people of one provider.
type Policy struct {
	// AllowedDomains are the email domains admitted; empty admits any.
	AllowedDomains []string
	// HostedDomain, when set, must equal the token's hd claim.
	HostedDomain string
	// CreateAccounts lets a first sign-in create the person's account.
	CreateAccounts bool
	// LinkByEmail lets a first sign-in link to the account holding the same
	// email, when the provider says the address is verified.
	LinkByEmail bool
	// TrustUnverifiedEmail lets a provider that never sends email_verified
	// (Microsoft Entra ID) create accounts; it never allows linking.
	TrustUnverifiedEmail bool
	// RoleMap maps a group (or claim value) to an LMS role.
	RoleMap map[string]user.Role
}

// Admit checks the person's email against the policy and returns it
// normalised.
func (p Policy) Admit(c Claims) (user.Email, error) {
	if c.Email == "" {
		return "", ErrEmailMissing
	}
	email, err := user.ParseEmail(c.Email)
	if err != nil {
		return "", ErrEmailMissing.Wrap(err)
	}
	if p.HostedDomain != "" && !strings.EqualFold(c.HostedDomain, p.HostedDomain) {
		return "", ErrDomainNotAllowed.With("domain", c.HostedDomain)
	}
	if len(p.AllowedDomains) > 0 {
		_, domain, _ := strings.Cut(email.String(), "@")
		if !slices.ContainsFunc(p.AllowedDomains, func(d string) bool { return strings.EqualFold(d, domain) }) {
			return "", ErrDomainNotAllowed.With("domain", domain)
		}
	}
	return email, nil
}

// Decision is what a sign-in does with the account.
type Decision int

// The decisions.
const (
	// SignIn: the identity is linked already.
	SignIn Decision = iota + 1
	// Link: the identity joins the account holding its email.
	Link
	// Create: a new account is made for the person (just in time).
	Create
)

// Decide says what a sign-in with claims c does, given the identity already
// linked under its key (or nil) and the account holding its email (or nil).
// An email alone links only when the provider verified it and the policy
// allows it.
func (p Policy) Decide(linked *Identity, byEmail *user.User, c Claims) (Decision, error) {
	switch {
	case linked != nil:
		return SignIn, nil
	case byEmail != nil && !p.LinkByEmail:
		return 0, ErrLinkNotAllowed
	case byEmail != nil && !c.EmailVerified:
		return 0, ErrEmailUnverified
	case byEmail != nil:
		return Link, nil
	case !p.CreateAccounts:
		return 0, ErrNoAccount
	case !c.EmailVerified && !p.TrustUnverifiedEmail:
		return 0, ErrEmailUnverified
	default:
		return Create, nil
	}
}

// Roles returns the roles the user holds after a sign-in: the roles the
// mapping can grant follow the provider's claims, every other role (an
// admin granted in the LMS) is kept. Without a mapping nothing changes.
func (p Policy) Roles(current user.Roles, c Claims) (user.Roles, error) {
	if len(p.RoleMap) == 0 {
		return current, nil
	}
	managed := make(map[user.Role]bool, len(p.RoleMap))
	for _, r := range p.RoleMap {
		managed[r] = r != user.RoleStudent
	}
	var out []user.Role
	for _, r := range current {
		if !managed[r] {
			out = append(out, r)
		}
	}
	for _, g := range c.Groups {
		if r, ok := p.RoleMap[g]; ok {
			out = append(out, r)
		}
	}
	return user.NewRoles(out...)
}
