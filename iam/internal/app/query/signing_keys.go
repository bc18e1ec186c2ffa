package query

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"lms/iam/internal/domain/signingkey"
)

// Clock tells the time.
type Clock interface{ Now() time.Time }

// PublicKey is a published verification key.
type PublicKey struct {
	ID  string
	Key ed25519.PublicKey
	// NotAfter is when it stops being published; zero for the signing key.
	NotAfter time.Time
}

// SigningKeys lists the public keys verifiers need.
type SigningKeys struct {
	keys      signingkey.Repository
	clock     Clock
	accessTTL time.Duration
}

// NewSigningKeys returns the SigningKeys query; accessTTL is the lifetime of
// access tokens, which decides how long a retired key stays published.
func NewSigningKeys(keys signingkey.Repository, clock Clock, accessTTL time.Duration) *SigningKeys {
	return &SigningKeys{keys: keys, clock: clock, accessTTL: accessTTL}
}

// Handle returns the signing key and every retired key still needed, newest
// first.
func (h *SigningKeys) Handle(ctx context.Context) ([]PublicKey, error) {
	all, err := h.keys.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load signing keys: %w", err)
	}
	now := h.clock.Now()
	out := make([]PublicKey, 0, len(all))
	for _, k := range all {
		if k.Published(now, h.accessTTL) {
			out = append(out, PublicKey{ID: k.ID, Key: k.Public(), NotAfter: k.NotAfter(h.accessTTL)})
		}
	}
	return out, nil
}
