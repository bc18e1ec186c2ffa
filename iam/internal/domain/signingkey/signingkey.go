// Package signingkey holds the Ed25519 keys that sign access tokens and the
// rule for how long a retired key's public half stays published. It imports
// the standard library only.
package signingkey

import (
	"context"
	"crypto/ed25519"
	"time"
)

// ClockSkew is the leeway verifiers may allow on exp; a retired key stays
// published this much longer than the last token it signed lives.
const ClockSkew = time.Minute

// Key is one signing key. The newest key signs; a rotation retires it.
type Key struct {
	ID        string
	Private   ed25519.PrivateKey
	CreatedAt time.Time
	// RetiredAt is when a newer key took over, or the zero time for the key
	// that signs now.
	RetiredAt time.Time
}

// Public returns the key's public half.
func (k Key) Public() ed25519.PublicKey { return k.Private.Public().(ed25519.PublicKey) }

// Active reports whether the key still signs.
func (k Key) Active() bool { return k.RetiredAt.IsZero() }

// NotAfter is when the key stops being published: once every access token it
// signed (each living at most accessTTL) has expired. Zero for the active key.
func (k Key) NotAfter(accessTTL time.Duration) time.Time {
	if k.Active() {
		return time.Time{}
	}
	return k.RetiredAt.Add(accessTTL + ClockSkew)
}

// Published reports whether verifiers still need the key at now.
func (k Key) Published(now time.Time, accessTTL time.Duration) bool {
	return k.Active() || now.Before(k.NotAfter(accessTTL))
}

// Repository stores keys; private halves are sealed at rest by the adapter.
type Repository interface {
	// Active returns the key that signs now, or ok false when there is none.
	Active(ctx context.Context) (key Key, ok bool, err error)
	// Rotate retires the active key (if any) at now and stores next as the
	// active one, atomically, so exactly one key signs at any time.
	Rotate(ctx context.Context, next Key, now time.Time) error
	// AddFirst stores k as the active key unless one exists already (another
	// replica may have won the race); it returns the key that is active.
	AddFirst(ctx context.Context, k Key) (Key, error)
	// Get returns the key with id, or ok false.
	Get(ctx context.Context, id string) (key Key, ok bool, err error)
	// All returns every stored key, newest first.
	All(ctx context.Context) ([]Key, error)
}
