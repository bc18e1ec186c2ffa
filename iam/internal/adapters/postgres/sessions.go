package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`

	ID               string    `bun:"id,pk,type:uuid"`
	UserID           string    `bun:"user_id,type:uuid"`
	CurrentTokenHash []byte    `bun:"current_token_hash"`
	TokenExpiresAt   time.Time `bun:"token_expires_at"`
	CreatedAt        time.Time `bun:"created_at"`
	ExpiresAt        time.Time `bun:"expires_at"`
	RevokedAt        time.Time `bun:"revoked_at,nullzero"`
	RevokeReason     string    `bun:"revoke_reason,nullzero"`
}

type refreshTokenRow struct {
	bun.BaseModel `bun:"table:refresh_tokens"`

	Hash      []byte    `bun:"hash,pk"`
	SessionID string    `bun:"session_id,type:uuid"`
	IssuedAt  time.Time `bun:"issued_at"`
}

func sessionFromDomain(s *session.Session) *sessionRow {
	h := s.Current()
	return &sessionRow{
		ID: string(s.ID()), UserID: string(s.UserID()), CurrentTokenHash: h[:], TokenExpiresAt: s.TokenExpiresAt(),
		CreatedAt: s.CreatedAt(), ExpiresAt: s.ExpiresAt(), RevokedAt: s.RevokedAt(), RevokeReason: s.RevokeReason(),
	}
}

func (r *sessionRow) toDomain() *session.Session {
	var h session.TokenHash
	copy(h[:], r.CurrentTokenHash)
	return session.Rehydrate(session.ID(r.ID), user.ID(r.UserID), h, r.TokenExpiresAt, r.CreatedAt, r.ExpiresAt, r.RevokedAt, r.RevokeReason)
}

// Sessions is the session repository.
type Sessions struct {
	db *bun.DB
}

var _ session.Repository = (*Sessions)(nil)

// NewSessions returns the session repository.
func NewSessions(db *bun.DB) *Sessions { return &Sessions{db: db} }

// Add implements session.Repository.
func (r *Sessions) Add(ctx context.Context, s *session.Session) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(sessionFromDomain(s)).Exec(ctx); err != nil {
			return fmt.Errorf("insert session %s: %w", s.ID(), err)
		}
		return insertToken(ctx, tx, s)
	})
}

// UpdateByToken implements session.Repository. The session row is locked, so
// two requests presenting the same token are served one after the other: the
// second sees a spent token and revokes the family, as RFC 9700 asks.
func (r *Sessions) UpdateByToken(ctx context.Context, h session.TokenHash, fn func(*session.Session) error) (*session.Session, error) {
	var (
		s     *session.Session
		fnErr error
	)
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var row sessionRow
		err := tx.NewSelect().Model(&row).
			Where("id = (SELECT session_id FROM refresh_tokens WHERE hash = ?)", h[:]).
			For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return session.ErrInvalidRefreshToken
		}
		if err != nil {
			return fmt.Errorf("load session: %w", err)
		}
		s = row.toDomain()
		before := s.Current()
		fnErr = fn(s)
		if _, err := tx.NewUpdate().Model(sessionFromDomain(s)).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update session %s: %w", s.ID(), err)
		}
		if s.Current() != before {
			return insertToken(ctx, tx, s)
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	return s, fnErr
}

// RevokeAllOfUser implements session.Repository.
func (r *Sessions) RevokeAllOfUser(ctx context.Context, userID user.ID, reason string, now time.Time) (int, error) {
	res, err := r.db.NewUpdate().Model((*sessionRow)(nil)).
		Set("revoked_at = ?", now.UTC()).Set("revoke_reason = ?", reason).
		Where("user_id = ? AND revoked_at IS NULL", string(userID)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("revoke sessions of %s: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func insertToken(ctx context.Context, tx bun.Tx, s *session.Session) error {
	h := s.Current()
	row := &refreshTokenRow{Hash: h[:], SessionID: string(s.ID())}
	if _, err := tx.NewInsert().Model(row).Value("issued_at", "now()").Exec(ctx); err != nil {
		return fmt.Errorf("insert refresh token of session %s: %w", s.ID(), err)
	}
	return nil
}
