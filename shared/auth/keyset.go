package auth

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// PublicKey is one of iam's public signing keys.
type PublicKey struct {
	// ID is the key id tokens name in their kid header.
	ID string
	// Key is the raw Ed25519 public key.
	Key ed25519.PublicKey
	// NotAfter is when iam stops publishing the key because every token it
	// signed has expired; zero when the source does not say.
	NotAfter time.Time
}

// KeySource fetches the current public signing keys, e.g. from iam over gRPC
// or from the gateway's JWKS over HTTP.
type KeySource interface {
	FetchKeys(ctx context.Context) ([]PublicKey, error)
}

// KeySourceFunc adapts a function to KeySource.
type KeySourceFunc func(ctx context.Context) ([]PublicKey, error)

// FetchKeys calls f.
func (f KeySourceFunc) FetchKeys(ctx context.Context) ([]PublicKey, error) { return f(ctx) }

// KeySetOptions tunes a KeySet; zero values take the defaults.
type KeySetOptions struct {
	// MinRefreshInterval is the least time between two fetches triggered by
	// unknown key ids, so tokens with made-up kids cannot hammer the source.
	// Default 10s.
	MinRefreshInterval time.Duration
	// RefreshEvery is the period of the background refresh run by Run.
	// Default 5m.
	RefreshEvery time.Duration
	// FetchTimeout bounds one fetch. Default 3s.
	FetchTimeout time.Duration
	// Log receives refresh failures; default slog.Default().
	Log *slog.Logger
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// KeySet caches the keys of a KeySource. Reads are lock-free; a token naming a
// kid the set does not know triggers one refresh, at most once per
// MinRefreshInterval.
type KeySet struct {
	src  KeySource
	opts KeySetOptions
	keys atomic.Pointer[map[string]PublicKey]

	refreshMu   sync.Mutex // one fetch at a time
	lastRefresh time.Time  // guarded by refreshMu
}

// NewKeySet returns an empty set over src; call Refresh to fill it.
func NewKeySet(src KeySource, opts KeySetOptions) *KeySet {
	if opts.MinRefreshInterval <= 0 {
		opts.MinRefreshInterval = 10 * time.Second
	}
	if opts.RefreshEvery <= 0 {
		opts.RefreshEvery = 5 * time.Minute
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = defaultFetchTimeout
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &KeySet{src: src, opts: opts}
	empty := map[string]PublicKey{}
	s.keys.Store(&empty)
	return s
}

// errUnknownKey is the cause logged when no key matches a token's kid.
var errUnknownKey = errors.New("unknown key id")

// Key returns the key with id kid, refreshing the set once if it is unknown
// and the last refresh is older than MinRefreshInterval.
func (s *KeySet) Key(ctx context.Context, kid string) (ed25519.PublicKey, error) {
	if k, ok := s.lookup(kid); ok {
		return k, nil
	}
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	// Another request may have refreshed while this one waited.
	if k, ok := s.lookup(kid); ok {
		return k, nil
	}
	if s.opts.Now().Sub(s.lastRefresh) < s.opts.MinRefreshInterval {
		return nil, fmt.Errorf("kid %q: %w", kid, errUnknownKey)
	}
	if err := s.refreshLocked(ctx); err != nil {
		return nil, err
	}
	if k, ok := s.lookup(kid); ok {
		return k, nil
	}
	return nil, fmt.Errorf("kid %q: %w", kid, errUnknownKey)
}

func (s *KeySet) lookup(kid string) (ed25519.PublicKey, bool) {
	k, ok := (*s.keys.Load())[kid]
	if !ok || (!k.NotAfter.IsZero() && s.opts.Now().After(k.NotAfter)) {
		return nil, false
	}
	return k.Key, true
}

// Keys returns the keys currently in the set, for publishing as a JWKS.
func (s *KeySet) Keys() []PublicKey {
	m := *s.keys.Load()
	out := make([]PublicKey, 0, len(m))
	now := s.opts.Now()
	for _, k := range m {
		if k.NotAfter.IsZero() || now.Before(k.NotAfter) {
			out = append(out, k)
		}
	}
	return out
}

// Refresh fetches the keys now, replacing the set's content on success.
func (s *KeySet) Refresh(ctx context.Context) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	return s.refreshLocked(ctx)
}

func (s *KeySet) refreshLocked(ctx context.Context) error {
	s.lastRefresh = s.opts.Now()
	ctx, cancel := context.WithTimeout(ctx, s.opts.FetchTimeout)
	defer cancel()
	keys, err := s.src.FetchKeys(ctx)
	if err != nil {
		return fmt.Errorf("fetch signing keys: %w", err)
	}
	m := make(map[string]PublicKey, len(keys))
	for _, k := range keys {
		if k.ID == "" || len(k.Key) != ed25519.PublicKeySize {
			s.opts.Log.Warn("signing key ignored", "kid", k.ID, "key_len", len(k.Key))
			continue
		}
		m[k.ID] = k
	}
	s.keys.Store(&m)
	return nil
}

// Run refreshes the set every RefreshEvery until ctx ends, so keys iam stops
// publishing are dropped and new ones are known before the first token uses
// them. Failures are logged; the set keeps its previous keys.
func (s *KeySet) Run(ctx context.Context) {
	t := time.NewTicker(s.opts.RefreshEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
				s.opts.Log.Warn("signing keys refresh failed", "error", err)
			}
		}
	}
}

// defaultFetchTimeout bounds one fetch of the keys.
const defaultFetchTimeout = 3 * time.Second
