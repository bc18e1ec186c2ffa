package command

import (
	"context"
	"fmt"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

// ExchangeSignInCode turns the one-time code of a finished external sign-in
// into the same tokens a password sign-in gets.
type ExchangeSignInCode struct {
	grants identity.Grants
	users  user.Repository
	clock  Clock
	opener sessionOpener
}

// NewExchangeSignInCode returns the ExchangeSignInCode use case.
func NewExchangeSignInCode(grants identity.Grants, users user.Repository, sessions session.Repository, issuer TokenIssuer,
	clock Clock, policy LoginPolicy,
) *ExchangeSignInCode {
	return &ExchangeSignInCode{
		grants: grants, users: users, clock: clock,
		opener: sessionOpener{sessions: sessions, issuer: issuer, clock: clock, policy: policy},
	}
}

// Handle uses up code and opens a session for its user, unless the user was
// disabled meanwhile.
func (h *ExchangeSignInCode) Handle(ctx context.Context, code string) (Tokens, error) {
	id, err := h.grants.Take(ctx, code, h.clock.Now())
	if err != nil {
		return Tokens{}, err
	}
	u, err := h.users.Get(ctx, id)
	if err != nil {
		return Tokens{}, fmt.Errorf("load user %s: %w", id, err)
	}
	if !u.Active() {
		return Tokens{}, ErrAccountDisabled
	}
	return h.opener.open(ctx, u)
}
