package command

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"

	"lms/iam/internal/domain/signingkey"
)

// SigningKeys creates and rotates the keys that sign access tokens.
type SigningKeys struct {
	keys  signingkey.Repository
	clock Clock
}

// NewSigningKeys returns the signing-key use cases.
func NewSigningKeys(keys signingkey.Repository, clock Clock) *SigningKeys {
	return &SigningKeys{keys: keys, clock: clock}
}

// Ensure makes sure a key signs, creating the first one on first start.
func (h *SigningKeys) Ensure(ctx context.Context) (signingkey.Key, error) {
	if k, ok, err := h.keys.Active(ctx); err != nil || ok {
		return k, err
	}
	k, err := h.newKey()
	if err != nil {
		return signingkey.Key{}, err
	}
	return h.keys.AddFirst(ctx, k)
}

// Rotate makes a new key the signing one and retires the previous key, whose
// public half stays published until every token it signed has expired.
func (h *SigningKeys) Rotate(ctx context.Context) (signingkey.Key, error) {
	k, err := h.newKey()
	if err != nil {
		return signingkey.Key{}, err
	}
	if err := h.keys.Rotate(ctx, k, k.CreatedAt); err != nil {
		return signingkey.Key{}, fmt.Errorf("rotate signing key: %w", err)
	}
	return k, nil
}

func (h *SigningKeys) newKey() (signingkey.Key, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return signingkey.Key{}, fmt.Errorf("generate signing key: %w", err)
	}
	id, err := newID()
	if err != nil {
		return signingkey.Key{}, err
	}
	return signingkey.Key{ID: id, Private: priv, CreatedAt: h.clock.Now().UTC()}, nil
}
