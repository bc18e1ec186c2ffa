package postgres_test

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

const (
	ttl    = 24 * time.Hour
	maxAge = 30 * 24 * time.Hour
)

func tokenHash(s string) session.TokenHash { return sha256.Sum256([]byte(s)) }

func TestSessions_RotateAndDetectReuse(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	u := addUser(t, postgres.NewUsers(db), "ann@example.com")
	sessions := postgres.NewSessions(db)
	s := session.Start(session.ID(newID(t)), u.ID(), tokenHash("t1"), now, ttl, maxAge)
	require.NoError(t, sessions.Add(t.Context(), s))

	rotate := func(presented, next string) (*session.Session, error) {
		return sessions.UpdateByToken(t.Context(), tokenHash(presented), func(s *session.Session) error {
			return s.Rotate(tokenHash(presented), tokenHash(next), now, ttl)
		})
	}
	got, err := rotate("t1", "t2")
	require.NoError(t, err)
	require.Equal(t, s.ID(), got.ID())

	_, err = rotate("t1", "t3")
	require.ErrorIs(t, err, session.ErrRefreshTokenReused, "a spent token still leads to its session")
	_, err = rotate("t2", "t4")
	require.ErrorIs(t, err, session.ErrInvalidRefreshToken, "the revocation was saved despite the error")
	_, err = rotate("never-issued", "t5")
	require.ErrorIs(t, err, session.ErrInvalidRefreshToken)
}

func TestSessions_ConcurrentUseOfOneTokenRotatesOnce(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	u := addUser(t, postgres.NewUsers(db), "ann@example.com")
	sessions := postgres.NewSessions(db)
	require.NoError(t, sessions.Add(t.Context(), session.Start(session.ID(newID(t)), u.ID(), tokenHash("t1"), now, ttl, maxAge)))

	const n = 8
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins int
	)
	for i := range n {
		wg.Go(func() {
			_, err := sessions.UpdateByToken(t.Context(), tokenHash("t1"), func(s *session.Session) error {
				return s.Rotate(tokenHash("t1"), tokenHash(fmt.Sprint("next", i)), now, ttl)
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
	var revoked bool
	require.NoError(t, db.NewRaw("SELECT revoked_at IS NOT NULL FROM sessions").Scan(t.Context(), &revoked))
	require.True(t, revoked)
}

func TestSessions_RevokeAllOfUser(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	users := postgres.NewUsers(db)
	ann := addUser(t, users, "ann@example.com")
	bob := addUser(t, users, "bob@example.com")
	sessions := postgres.NewSessions(db)
	for i, owner := range []user.ID{ann.ID(), ann.ID(), bob.ID()} {
		s := session.Start(session.ID(newID(t)), owner, tokenHash(fmt.Sprint("t", i)), now, ttl, maxAge)
		require.NoError(t, sessions.Add(t.Context(), s))
	}
	n, err := sessions.RevokeAllOfUser(t.Context(), ann.ID(), session.ReasonUserDisabled, now)
	require.NoError(t, err)
	require.Equal(t, 2, n)

	s, err := sessions.UpdateByToken(t.Context(), tokenHash("t0"), func(*session.Session) error { return nil })
	require.NoError(t, err)
	require.True(t, s.Revoked())
	require.Equal(t, session.ReasonUserDisabled, s.RevokeReason())
	s, err = sessions.UpdateByToken(t.Context(), tokenHash("t2"), func(*session.Session) error { return nil })
	require.NoError(t, err)
	require.False(t, s.Revoked(), "other users keep their sessions")
}
