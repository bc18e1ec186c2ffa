package apptest

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
)

// Repos are iam's repositories over the same storage.
type Repos struct {
	Users     user.Repository
	Sessions  session.Repository
	Throttles throttle.Repository
}

// RunRepositoryContract checks the behaviour the use cases rely on, so the
// fakes here and the PostgreSQL adapters are held to the same rules: one
// account per email whatever its case, updates that keep nothing of a
// refused change, users listed in creation order with literal filters,
// refresh tokens that rotate once and betray their reuse, and throttle
// counters kept even when the change reports an error.
func RunRepositoryContract(t *testing.T, newRepos func(t *testing.T) Repos) {
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	t.Run("one account per email, whatever its case", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		ann := register(t, r.Users, "Ann@Example.com", t0, user.RoleTeacher)

		got, err := r.Users.Get(ctx, ann.ID())
		require.NoError(t, err)
		require.Equal(t, "ann@example.com", got.Email().String())
		require.Equal(t, []string{"student", "teacher"}, got.Roles().Strings())
		require.Equal(t, ann.PasswordHash(), got.PasswordHash())
		require.True(t, got.CreatedAt().Equal(t0))
		byEmail, err := r.Users.GetByEmail(ctx, "ann@example.com")
		require.NoError(t, err)
		require.Equal(t, ann.ID(), byEmail.ID())

		twin, err := user.Register(newUserID(), "ann@example.com", "Twin", "h", nil, t0)
		require.NoError(t, err)
		require.ErrorIs(t, r.Users.Add(ctx, twin), user.ErrEmailTaken)
		_, err = r.Users.Get(ctx, newUserID())
		require.ErrorIs(t, err, user.ErrNotFound)
		_, err = r.Users.GetByEmail(ctx, "nobody@example.com")
		require.ErrorIs(t, err, user.ErrNotFound)
	})

	t.Run("an update is kept whole or not at all", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		ann := register(t, r.Users, "ann@example.com", t0)
		admin := newUserID()

		updated, err := r.Users.Update(ctx, ann.ID(), func(u *user.User) error {
			if err := u.SetRoles(user.Roles{user.RoleTeacher}, admin, t0); err != nil {
				return err
			}
			return u.Disable(admin, t0)
		})
		require.NoError(t, err)
		require.False(t, updated.Active())
		got, err := r.Users.Get(ctx, ann.ID())
		require.NoError(t, err)
		require.False(t, got.Active())
		require.True(t, got.Roles().Has(user.RoleTeacher))

		_, err = r.Users.Update(ctx, ann.ID(), func(u *user.User) error {
			u.Enable(admin, t0)
			return user.ErrSelfDisable
		})
		require.ErrorIs(t, err, user.ErrSelfDisable)
		got, err = r.Users.Get(ctx, ann.ID())
		require.NoError(t, err)
		require.False(t, got.Active(), "a refused update changes nothing")

		_, err = r.Users.Update(ctx, newUserID(), func(*user.User) error { return nil })
		require.ErrorIs(t, err, user.ErrNotFound)
	})

	t.Run("users are listed in creation order with literal filters", func(t *testing.T) {
		r := newRepos(t)
		var all []user.ID
		for i := range 5 {
			var roles []user.Role
			if i%2 == 0 {
				roles = append(roles, user.RoleTeacher)
			}
			all = append(all, register(t, r.Users, fmt.Sprintf("user%d@example.com", i), t0, roles...).ID())
		}
		register(t, r.Users, "other_x@example.com", t0)
		register(t, r.Users, "otherax@example.com", t0)

		ids := func(f user.ListFilter) []user.ID {
			us, err := r.Users.List(t.Context(), f)
			require.NoError(t, err)
			out := []user.ID{}
			for _, u := range us {
				out = append(out, u.ID())
			}
			return out
		}
		require.Equal(t, all[:2], ids(user.ListFilter{Limit: 2}), "in creation order")
		require.Equal(t, all[2:4], ids(user.ListFilter{Limit: 2, After: all[1]}), "after the cursor")
		require.Equal(t, []user.ID{all[0], all[2], all[4]}, ids(user.ListFilter{Limit: 10, Role: user.RoleTeacher}))
		require.Equal(t, all[3:5], ids(user.ListFilter{Limit: 10, EmailPrefix: "user", After: all[2]}))
		require.Len(t, ids(user.ListFilter{Limit: 10, EmailPrefix: "other_"}), 1, "_ matches literally")
		require.Empty(t, ids(user.ListFilter{Limit: 10, EmailPrefix: "%"}), "% matches literally")
	})

	t.Run("a refresh token rotates once and its reuse ends the session", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		ann := register(t, r.Users, "ann@example.com", t0)
		s := session.Start(session.ID(newUserID()), ann.ID(), tokenHash("t1"), t0, time.Hour, 24*time.Hour)
		require.NoError(t, r.Sessions.Add(ctx, s))
		rotate := func(presented, next string) (*session.Session, error) {
			return r.Sessions.UpdateByToken(ctx, tokenHash(presented), func(s *session.Session) error {
				return s.Rotate(tokenHash(presented), tokenHash(next), t0, time.Hour)
			})
		}

		got, err := rotate("t1", "t2")
		require.NoError(t, err)
		require.Equal(t, s.ID(), got.ID())
		_, err = rotate("t1", "t3")
		require.ErrorIs(t, err, session.ErrRefreshTokenReused, "a spent token still leads to its session")
		_, err = rotate("t2", "t4")
		require.ErrorIs(t, err, session.ErrInvalidRefreshToken, "the revocation was kept despite the error")
		_, err = rotate("never-issued", "t5")
		require.ErrorIs(t, err, session.ErrInvalidRefreshToken)
	})

	t.Run("concurrent use of one token rotates once", func(t *testing.T) {
		r := newRepos(t)
		ann := register(t, r.Users, "ann@example.com", t0)
		require.NoError(t, r.Sessions.Add(t.Context(), session.Start(session.ID(newUserID()), ann.ID(), tokenHash("t1"), t0, time.Hour, 24*time.Hour)))
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			wins int
		)
		for i := range 8 {
			wg.Go(func() {
				_, err := r.Sessions.UpdateByToken(t.Context(), tokenHash("t1"), func(s *session.Session) error {
					return s.Rotate(tokenHash("t1"), tokenHash(fmt.Sprint("next", i)), t0, time.Hour)
				})
				if err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Equal(t, 1, wins, "one request rotates; the others count as reuse")
	})

	t.Run("revoking a user's sessions ends every live one", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		ann, bob := register(t, r.Users, "ann@example.com", t0), register(t, r.Users, "bob@example.com", t0)
		for i, u := range []*user.User{ann, ann, bob} {
			require.NoError(t, r.Sessions.Add(ctx, session.Start(session.ID(newUserID()), u.ID(), tokenHash(fmt.Sprint("s", i)), t0, time.Hour, 24*time.Hour)))
		}
		n, err := r.Sessions.RevokeAllOfUser(ctx, ann.ID(), "password changed", t0)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		n, err = r.Sessions.RevokeAllOfUser(ctx, ann.ID(), "again", t0)
		require.NoError(t, err)
		require.Zero(t, n, "a revoked session is not live")
		_, err = r.Sessions.UpdateByToken(ctx, tokenHash("s0"), func(s *session.Session) error {
			return s.Rotate(tokenHash("s0"), tokenHash("s0-next"), t0, time.Hour)
		})
		require.ErrorIs(t, err, session.ErrInvalidRefreshToken)
		_, err = r.Sessions.UpdateByToken(ctx, tokenHash("s2"), func(s *session.Session) error {
			return s.Rotate(tokenHash("s2"), tokenHash("s2-next"), t0, time.Hour)
		})
		require.NoError(t, err, "another user's session lives on")
	})

	t.Run("a throttle counter is kept even when the change reports an error", func(t *testing.T) {
		r := newRepos(t)
		key := throttle.AddressKey("192.0.2.1")
		err := r.Throttles.Update(t.Context(), key, func(c *throttle.Counter) error {
			require.Equal(t, throttle.Counter{}, *c, "an unknown key starts from zero")
			*c = throttle.Counter{Failures: 3, WindowStart: t0, LockedUntil: t0.Add(time.Minute)}
			return throttle.ErrLocked
		})
		require.ErrorIs(t, err, throttle.ErrLocked, "fn's error is returned")
		var seen throttle.Counter
		require.NoError(t, r.Throttles.Update(t.Context(), key, func(c *throttle.Counter) error {
			seen = *c
			return nil
		}))
		require.Equal(t, 3, seen.Failures)
		require.True(t, seen.WindowStart.Equal(t0))
		require.True(t, seen.LockedUntil.Equal(t0.Add(time.Minute)))
	})

	t.Run("concurrent attempts share one budget", func(t *testing.T) {
		r := newRepos(t)
		policy := throttle.Policy{MaxFailures: 5, Window: time.Minute, Lockout: time.Minute}
		key := throttle.AccountKey("ann@example.com")
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			admitted int
		)
		for range 20 {
			wg.Go(func() {
				if err := r.Throttles.Update(t.Context(), key, func(c *throttle.Counter) error { return c.Admit(policy, t0) }); err == nil {
					mu.Lock()
					admitted++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Equal(t, 5, admitted)
	})
}

// register stores a new user with email and roles, created at t.
func register(t *testing.T, users user.Repository, email string, at time.Time, roles ...user.Role) *user.User {
	t.Helper()
	e, err := user.ParseEmail(email)
	require.NoError(t, err)
	u, err := user.Register(newUserID(), e, "Someone", "$argon2id$hash", roles, at)
	require.NoError(t, err)
	require.NoError(t, users.Add(t.Context(), u))
	return u
}

// newUserID returns a UUIDv7: ids made later sort later, as the
// repositories' creation order needs.
func newUserID() user.ID { return user.ID(uuid.Must(uuid.NewV7()).String()) }

func tokenHash(s string) session.TokenHash { return sha256.Sum256([]byte(s)) }
