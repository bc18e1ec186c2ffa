// Package apptest holds in-memory fakes of the app layer's ports, for the use
// cases' unit tests. The PostgreSQL adapters are tested against the real
// database; these fakes only mirror their documented behaviour.
package apptest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
)

// Clock is a clock moved by hand.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Users is an in-memory user.Repository that remembers published events.
type Users struct {
	mu     sync.Mutex
	byID   map[user.ID]*user.User
	order  []user.ID
	Events []user.Event
}

// NewUsers returns an empty repository.
func NewUsers() *Users { return &Users{byID: map[user.ID]*user.User{}} }

// Add implements user.Repository.
func (r *Users) Add(_ context.Context, u *user.User) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, other := range r.byID {
		if strings.EqualFold(other.Email().String(), u.Email().String()) {
			return user.ErrEmailTaken
		}
	}
	r.byID[u.ID()] = u
	r.order = append(r.order, u.ID())
	r.Events = append(r.Events, u.Events()...)
	return nil
}

// Get implements user.Repository.
func (r *Users) Get(_ context.Context, id user.ID) (*user.User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.copyOf(id)
}

// GetByEmail implements user.Repository.
func (r *Users) GetByEmail(_ context.Context, email user.Email) (*user.User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, u := range r.byID {
		if strings.EqualFold(u.Email().String(), email.String()) {
			return r.copyOf(id)
		}
	}
	return nil, user.ErrNotFound
}

// Update implements user.Repository.
func (r *Users) Update(_ context.Context, id user.ID, fn func(*user.User) error) (*user.User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, err := r.copyOf(id)
	if err != nil {
		return nil, err
	}
	if err := fn(u); err != nil {
		return nil, err
	}
	r.Events = append(r.Events, u.Events()...)
	r.byID[id] = u
	return u, nil
}

// List implements user.Repository.
func (r *Users) List(_ context.Context, f user.ListFilter) ([]*user.User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*user.User
	for _, id := range r.order {
		u := r.byID[id]
		switch {
		case f.After != "" && id <= f.After,
			f.Role != "" && !u.Roles().Has(f.Role),
			!strings.HasPrefix(u.Email().String(), f.EmailPrefix):
			continue
		}
		if len(out) == f.Limit {
			break
		}
		c, _ := r.copyOf(id)
		out = append(out, c)
	}
	return out, nil
}

// copyOf returns a fresh copy without events, as a repository load would.
func (r *Users) copyOf(id user.ID) (*user.User, error) {
	u, ok := r.byID[id]
	if !ok {
		return nil, user.ErrNotFound
	}
	return user.Rehydrate(u.ID(), u.Email(), u.DisplayName(), slices.Clone(u.Roles()), u.Status(), u.PasswordHash(), u.CreatedAt(), u.UpdatedAt()), nil
}

// Sessions is an in-memory session.Repository.
type Sessions struct {
	mu       sync.Mutex
	sessions map[session.ID]*session.Session
	tokens   map[session.TokenHash]session.ID
}

// NewSessions returns an empty repository.
func NewSessions() *Sessions {
	return &Sessions{sessions: map[session.ID]*session.Session{}, tokens: map[session.TokenHash]session.ID{}}
}

// Add implements session.Repository.
func (r *Sessions) Add(_ context.Context, s *session.Session) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sessions[s.ID()] = s
	r.tokens[s.Current()] = s.ID()
	return nil
}

// UpdateByToken implements session.Repository.
func (r *Sessions) UpdateByToken(_ context.Context, h session.TokenHash, fn func(*session.Session) error) (*session.Session, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.tokens[h]
	if !ok {
		return nil, session.ErrInvalidRefreshToken
	}
	s := r.sessions[id]
	err := fn(s)
	r.tokens[s.Current()] = s.ID()
	return s, err
}

// RevokeAllOfUser implements session.Repository.
func (r *Sessions) RevokeAllOfUser(_ context.Context, userID user.ID, reason string, now time.Time) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.sessions {
		if s.UserID() == userID && !s.Revoked() {
			s.Revoke(reason, now)
			n++
		}
	}
	return n, nil
}

// Throttles is an in-memory throttle.Repository.
type Throttles struct {
	mu       sync.Mutex
	Counters map[throttle.Key]throttle.Counter
}

// NewThrottles returns an empty repository.
func NewThrottles() *Throttles { return &Throttles{Counters: map[throttle.Key]throttle.Counter{}} }

// Update implements throttle.Repository.
func (r *Throttles) Update(_ context.Context, key throttle.Key, fn func(*throttle.Counter) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.Counters[key]
	err := fn(&c)
	r.Counters[key] = c
	return err
}

// Hasher is a fast, transparent PasswordHasher: "hash:" + version + password.
type Hasher struct {
	// Version is stamped on new hashes; a hash of another version asks for a rehash.
	Version string
	// Verified counts Verify calls, to prove unknown emails cost a check too.
	Verified int
}

// Hash implements command.PasswordHasher.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return "hash:" + h.Version + ":" + pw, nil
}

// Verify implements command.PasswordHasher.
func (h *Hasher) Verify(ctx context.Context, pw, hash string) (bool, bool, error) {
	h.Verified++
	if err := ctx.Err(); err != nil {
		return false, false, err
	}
	version, stored, _ := strings.Cut(strings.TrimPrefix(hash, "hash:"), ":")
	return stored == pw, stored == pw && version != h.Version, nil
}

// Issuer is a TokenIssuer that writes "token-for-<user id>".
type Issuer struct{ TTL time.Duration }

// Issue implements command.TokenIssuer.
func (i Issuer) Issue(_ context.Context, u *user.User, now time.Time) (command.AccessToken, error) {
	return command.AccessToken{Token: "token-for-" + string(u.ID()), ExpiresAt: now.Add(i.TTL)}, nil
}
