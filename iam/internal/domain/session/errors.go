package session

import "lms/shared/errs"

// Errors of sessions. Every refusal of a refresh token looks the same to the
// caller except reuse, which tells an honest client to sign in again.
var (
	ErrInvalidRefreshToken = errs.New(errs.Unauthenticated, "invalid-refresh-token", "the refresh token is invalid or expired")
	ErrRefreshTokenReused  = errs.New(errs.Unauthenticated, "refresh-token-reused", "the refresh token was already used; the session has been revoked")
)
