// Package session holds sign-in sessions: a family of refresh tokens that
// descend from one login, rotated on every use, with the reuse detection of
// RFC 9700 (section 4.14.2): presenting a refresh token that was already used
// means it was stolen, so the whole family is revoked. It imports the
// standard library only.
package session
