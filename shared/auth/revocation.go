package auth

import (
	"sync"
	"time"
)

// Revocations remembers users disabled recently. A token is revoked when its
// user was disabled at or after the moment it was issued: iam refuses to issue
// new tokens to a disabled user and revokes their refresh tokens, so only
// access tokens already out need refusing, and only until they expire. An
// entry is therefore dropped once it is older than the longest token lifetime.
type Revocations struct {
	maxTokenAge time.Duration
	now         func() time.Time

	mu       sync.RWMutex
	disabled map[string]time.Time // user id -> when the user was disabled
}

// NewRevocations returns an empty set that forgets a revocation after
// maxTokenAge (the access-token lifetime plus the verifier's leeway).
func NewRevocations(maxTokenAge time.Duration, now func() time.Time) *Revocations {
	if now == nil {
		now = time.Now
	}
	return &Revocations{maxTokenAge: maxTokenAge, now: now, disabled: map[string]time.Time{}}
}

// Revoke refuses every token of userID issued before at (when the user was
// disabled). A later Revoke of the same user moves the cut-off forward.
func (r *Revocations) Revoke(userID string, at time.Time) {
	cutoff := r.now().Add(-r.maxTokenAge)
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.disabled[userID]; !ok || at.After(prev) {
		r.disabled[userID] = at
	}
	// Pruning on write keeps reads cheap and the map bounded by the number
	// of users disabled within one token lifetime.
	for id, t := range r.disabled {
		if t.Before(cutoff) {
			delete(r.disabled, id)
		}
	}
}

// Revoked reports whether p's token was issued before its user was disabled.
// Token times have whole-second precision, so a token issued in the same
// second as the disable counts as issued before it.
func (r *Revocations) Revoked(p Principal) bool {
	r.mu.RLock()
	at, ok := r.disabled[p.UserID]
	r.mu.RUnlock()
	return ok && !p.IssuedAt.After(at.Truncate(time.Second))
}

// Len returns how many users are currently remembered.
func (r *Revocations) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.disabled)
}
