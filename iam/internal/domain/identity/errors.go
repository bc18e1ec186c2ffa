package identity

import "lms/shared/errs"

// Errors of external sign-in. Each refusal has its own slug so a client (and
// a support desk) can tell them apart.
var (
	ErrUnknownProvider     = errs.New(errs.NotFound, "oidc-provider-unknown", "no identity provider is configured under this name")
	ErrProviderUnavailable = errs.New(errs.Unavailable, "oidc-provider-unavailable", "the identity provider could not be reached")
	ErrProviderRefused     = errs.New(errs.Unauthenticated, "oidc-provider-refused", "the identity provider did not sign the person in")
	ErrStateInvalid        = errs.New(errs.Unauthenticated, "oidc-state-invalid", "the sign-in is unknown, expired or already used; start again")
	ErrCodeRejected        = errs.New(errs.Unauthenticated, "oidc-code-rejected", "the identity provider refused the authorization code")
	ErrTokenInvalid        = errs.New(errs.Unauthenticated, "oidc-id-token-invalid", "the identity provider's ID token is not valid")
	ErrTokenExpired        = errs.New(errs.Unauthenticated, "oidc-id-token-expired", "the identity provider's ID token has expired")
	ErrTokenAudience       = errs.New(errs.Unauthenticated, "oidc-id-token-audience", "the ID token was issued for another application")
	ErrNonceMismatch       = errs.New(errs.Unauthenticated, "oidc-nonce-mismatch", "the ID token does not belong to this sign-in")
	ErrEmailMissing        = errs.New(errs.PermissionDenied, "oidc-email-missing", "the identity provider gave no email address")
	ErrEmailUnverified     = errs.New(errs.PermissionDenied, "oidc-email-unverified", "the identity provider has not verified this email address, which belongs to an existing account")
	ErrDomainNotAllowed    = errs.New(errs.PermissionDenied, "oidc-domain-not-allowed", "accounts of this domain may not sign in through this provider")
	ErrNoAccount           = errs.New(errs.PermissionDenied, "oidc-no-account", "there is no account for this person and this provider does not create them")
	ErrCodeInvalid         = errs.New(errs.Unauthenticated, "sign-in-code-invalid", "the sign-in code is unknown, expired or already used")
	ErrNotFound            = errs.New(errs.NotFound, "identity-not-found", "the identity does not exist")
	ErrLastSignIn          = errs.New(errs.FailedPrecondition, "identity-last-sign-in", "this identity is the account's only way to sign in; set a password or link another first")
	ErrAlreadyLinked       = errs.New(errs.AlreadyExists, "identity-already-linked", "this identity is already linked to an account")
)
