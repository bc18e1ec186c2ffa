package command

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

// FinishExternalSignInInput is what the provider sent back to the callback.
type FinishExternalSignInInput struct {
	Provider string
	State    string
	Code     string
	// Error is the provider's error parameter (the person cancelled, ...).
	Error string
}

// ExternalSignInDone is a one-time code the client exchanges for tokens, and
// where to send the person with it.
type ExternalSignInDone struct {
	Code     string
	ReturnTo string
	Grant    identity.Grant
}

// FinishExternalSignIn completes a sign-in at a provider: it redeems the
// code, checks the ID token belongs to this sign-in, finds, links or creates
// the account, applies the provider's role mapping, and hands out a one-time
// code. Every refusal happens before anything is written.
type FinishExternalSignIn struct {
	providers  IdentityProviders
	flows      identity.Flows
	grants     identity.Grants
	identities identity.Repository
	users      user.Repository
	clock      Clock
	policy     ExternalSignInPolicy
	log        *slog.Logger
}

// NewFinishExternalSignIn returns the FinishExternalSignIn use case.
func NewFinishExternalSignIn(providers IdentityProviders, flows identity.Flows, grants identity.Grants,
	identities identity.Repository, users user.Repository, clock Clock, policy ExternalSignInPolicy, log *slog.Logger,
) *FinishExternalSignIn {
	return &FinishExternalSignIn{
		providers: providers, flows: flows, grants: grants, identities: identities, users: users,
		clock: clock, policy: policy, log: log,
	}
}

// Handle finishes the sign-in.
func (h *FinishExternalSignIn) Handle(ctx context.Context, in FinishExternalSignInInput) (ExternalSignInDone, error) {
	now := h.clock.Now()
	flow, err := h.flows.Take(ctx, in.State, now)
	if err != nil {
		return ExternalSignInDone{}, err
	}
	if flow.Provider != in.Provider {
		return ExternalSignInDone{}, identity.ErrStateInvalid
	}
	if in.Error != "" {
		// The provider's error code (access_denied, login_required, ...) is
		// echoed only when it looks like one.
		if len(in.Error) <= 40 && strings.Trim(in.Error, "abcdefghijklmnopqrstuvwxyz_") == "" {
			return ExternalSignInDone{}, identity.ErrProviderRefused.With("error", in.Error)
		}
		return ExternalSignInDone{}, identity.ErrProviderRefused
	}
	policy, err := h.providers.Policy(in.Provider)
	if err != nil {
		return ExternalSignInDone{}, err
	}
	claims, nonce, err := h.providers.Exchange(ctx, in.Provider, in.Code, flow.Verifier, now)
	if err != nil {
		return ExternalSignInDone{}, err
	}
	if subtle.ConstantTimeCompare([]byte(nonce), []byte(flow.Nonce)) != 1 {
		return ExternalSignInDone{}, identity.ErrNonceMismatch
	}
	email, err := policy.Admit(claims)
	if err != nil {
		return ExternalSignInDone{}, err
	}
	u, err := h.account(ctx, in.Provider, policy, claims, email, false)
	if err != nil {
		return ExternalSignInDone{}, err
	}
	code, err := randomToken()
	if err != nil {
		return ExternalSignInDone{}, err
	}
	g := identity.Grant{Code: code, UserID: u.ID(), ExpiresAt: now.UTC().Add(h.policy.GrantTTL)}
	if err := h.grants.Save(ctx, g); err != nil {
		return ExternalSignInDone{}, fmt.Errorf("save sign-in grant: %w", err)
	}
	h.log.InfoContext(ctx, "external sign-in", "provider", in.Provider, "user_id", u.ID())
	return ExternalSignInDone{Code: code, ReturnTo: flow.ReturnTo, Grant: g}, nil
}

// account returns the person's account: the linked one, the one holding the
// verified email (linked now), or a new one.
func (h *FinishExternalSignIn) account(ctx context.Context, provider string, p identity.Policy, c identity.Claims, email user.Email, again bool) (*user.User, error) {
	now := h.clock.Now()
	linked, err := h.identities.Get(ctx, c.Key)
	if err != nil && !errors.Is(err, identity.ErrNotFound) {
		return nil, err
	}
	var byEmail *user.User
	if linked == nil {
		byEmail, err = h.users.GetByEmail(ctx, email)
		if err != nil && !errors.Is(err, user.ErrNotFound) {
			return nil, fmt.Errorf("load user by email: %w", err)
		}
	}
	decision, err := p.Decide(linked, byEmail, c)
	if err != nil {
		return nil, err
	}
	if decision == identity.Create {
		u, err := h.create(ctx, provider, p, c, email)
		if (errors.Is(err, user.ErrEmailTaken) || errors.Is(err, identity.ErrAlreadyLinked)) && !again {
			// Another sign-in of the same person created the account a moment
			// ago: decide again on what is stored now.
			return h.account(ctx, provider, p, c, email, true)
		}
		return u, err
	}
	u := byEmail
	if decision == identity.SignIn {
		if u, err = h.users.Get(ctx, linked.UserID()); err != nil {
			return nil, fmt.Errorf("load linked user: %w", err)
		}
	}
	if !u.Active() {
		return nil, ErrAccountDisabled
	}
	if u, err = h.applyRoles(ctx, u, p, c); err != nil {
		return nil, err
	}
	if decision == identity.SignIn {
		return u, h.identities.SignedIn(ctx, c.Key, email, now)
	}
	id, err := newID()
	if err != nil {
		return nil, err
	}
	err = h.identities.Add(ctx, identity.New(id, u.ID(), provider, c.Key, email, now))
	if errors.Is(err, identity.ErrAlreadyLinked) && !again {
		// Linked by another sign-in of the same person meanwhile.
		return h.account(ctx, provider, p, c, email, true)
	}
	return u, err
}

func (h *FinishExternalSignIn) create(ctx context.Context, provider string, p identity.Policy, c identity.Claims, email user.Email) (*user.User, error) {
	now := h.clock.Now()
	roles, err := p.Roles(nil, c)
	if err != nil {
		return nil, err
	}
	uid, err := newID()
	if err != nil {
		return nil, err
	}
	iid, err := newID()
	if err != nil {
		return nil, err
	}
	// No password: the person signs in through the provider until they set one.
	u, err := user.Register(user.ID(uid), email, displayName(c, email), "", roles, now)
	if err != nil {
		return nil, err
	}
	if err := h.identities.AddWithUser(ctx, u, identity.New(iid, u.ID(), provider, c.Key, email, now)); err != nil {
		return nil, err
	}
	return u, nil
}

// applyRoles brings the user's roles in line with the provider's mapping;
// a change is published like any other (RolesChanged, by no admin).
func (h *FinishExternalSignIn) applyRoles(ctx context.Context, u *user.User, p identity.Policy, c identity.Claims) (*user.User, error) {
	roles, err := p.Roles(u.Roles(), c)
	if err != nil || roles.Equal(u.Roles()) {
		return u, err
	}
	return h.users.Update(ctx, u.ID(), func(u *user.User) error {
		if !u.Active() {
			return ErrAccountDisabled
		}
		return u.SetRoles(roles, "", h.clock.Now())
	})
}

// displayName is the provider's name for the person, or the email's local
// part when it gave none the LMS accepts.
func displayName(c identity.Claims, email user.Email) string {
	if err := user.CheckText("display_name", c.Name); err == nil && strings.TrimSpace(c.Name) != "" && len([]rune(c.Name)) <= 100 {
		return c.Name
	}
	local, _, _ := strings.Cut(email.String(), "@")
	return local
}
