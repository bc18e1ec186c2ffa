// Package auth verifies the LMS's access tokens: JWTs signed by iam with
// Ed25519 (alg EdDSA, kid in the header), issued by "lms-iam" for the audience
// "lms". Every service that takes requests uses it: the gateway with iam's keys
// fetched over gRPC, course and assessment with the gateway's JWKS over HTTP.
//
// A Verifier checks a token against a KeySet (refreshed when a token names an
// unknown kid, at most once per interval, and periodically), remembers tokens it
// has verified until they expire (verifying an Ed25519 signature costs tens of
// microseconds, far more than the rest of a request), and refuses the tokens of
// users who were disabled after the token was issued (Revocations).
package auth

import (
	"lms/shared/errs"
	"lms/shared/role"
)

// The token contract shared with iam, which signs the tokens.
const (
	// Issuer is the iss claim of every access token.
	Issuer = "lms-iam"
	// Audience is the aud claim of every access token.
	Audience = "lms"
	// Algorithm is the only JWS algorithm accepted.
	Algorithm = "EdDSA"
)

// The roles a principal can hold (package role names them).
const (
	RoleStudent = role.Student
	RoleTeacher = role.Teacher
	RoleAdmin   = role.Admin
)

// Errors a verification or an authorization check can return. They are
// classified so every edge maps them the same way (401 or 403).
var (
	// ErrMissingToken means the request carries no bearer token.
	ErrMissingToken = errs.New(errs.Unauthenticated, "missing-token", "a bearer access token is required")
	// ErrInvalidToken covers every token that fails verification; the reason
	// is logged, never shown, so a caller learns nothing about our keys.
	ErrInvalidToken = errs.New(errs.Unauthenticated, "invalid-token", "the access token is invalid")
	// ErrTokenExpired lets a client know it should refresh its token.
	ErrTokenExpired = errs.New(errs.Unauthenticated, "token-expired", "the access token has expired")
	// ErrTokenRevoked means the token's user was disabled after it was issued.
	ErrTokenRevoked = errs.New(errs.Unauthenticated, "token-revoked", "the access token has been revoked")
	// ErrForbidden means the principal lacks the role a route needs.
	ErrForbidden = errs.ErrForbidden
)
