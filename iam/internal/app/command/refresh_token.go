package command

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/google/uuid"

	"lms/iam/internal/domain/session"
)

// refreshTokenBytes is the entropy of a refresh token: 256 bits, so a fast
// unsalted hash is enough to store it (nobody can guess one to test against).
const refreshTokenBytes = 32

// newRefreshToken returns a fresh opaque refresh token and its hash.
func newRefreshToken() (string, session.TokenHash, error) {
	b := make([]byte, refreshTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", session.TokenHash{}, fmt.Errorf("refresh token: %w", err)
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	return tok, hashRefreshToken(tok), nil
}

// hashRefreshToken returns the stored form of a refresh token.
func hashRefreshToken(tok string) session.TokenHash { return sha256.Sum256([]byte(tok)) }

// newID returns a UUIDv7 in text form.
func newID() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("new id: %w", err)
	}
	return id.String(), nil
}
