package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

type flowRow struct {
	bun.BaseModel `bun:"table:oidc_flows"`

	StateHash []byte    `bun:"state_hash,pk"`
	Provider  string    `bun:"provider"`
	Nonce     string    `bun:"nonce"`
	Verifier  string    `bun:"verifier"`
	ReturnTo  string    `bun:"return_to"`
	ExpiresAt time.Time `bun:"expires_at"`
}

type grantRow struct {
	bun.BaseModel `bun:"table:signin_grants"`

	CodeHash  []byte    `bun:"code_hash,pk"`
	UserID    string    `bun:"user_id,type:uuid"`
	ExpiresAt time.Time `bun:"expires_at"`
}

// SignInFlows stores external sign-ins under way and their one-time codes.
// Both are taken with one DELETE ... RETURNING, so of two callbacks with the
// same state (or two exchanges of one code) exactly one wins.
type SignInFlows struct {
	db *bun.DB
}

var (
	_ identity.Flows  = (*SignInFlows)(nil)
	_ identity.Grants = (*signInGrants)(nil)
)

// NewSignInFlows returns the flow store.
func NewSignInFlows(db *bun.DB) *SignInFlows { return &SignInFlows{db: db} }

// Grants returns the one-time code store over the same database.
func (s *SignInFlows) Grants() identity.Grants { return &signInGrants{db: s.db} }

func secretHash(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }

// Save implements identity.Flows. Expired flows are swept on the way.
func (s *SignInFlows) Save(ctx context.Context, f identity.Flow) error {
	row := &flowRow{
		StateHash: secretHash(f.State), Provider: f.Provider, Nonce: f.Nonce, Verifier: f.Verifier,
		ReturnTo: f.ReturnTo, ExpiresAt: f.ExpiresAt.UTC(),
	}
	if _, err := s.db.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("insert flow: %w", err)
	}
	if _, err := s.db.NewDelete().Model((*flowRow)(nil)).Where("expires_at < ?", f.ExpiresAt.UTC().Add(-time.Hour)).Exec(ctx); err != nil {
		return fmt.Errorf("sweep flows: %w", err)
	}
	return nil
}

// Take implements identity.Flows.
func (s *SignInFlows) Take(ctx context.Context, state string, now time.Time) (identity.Flow, error) {
	var row flowRow
	err := s.db.NewDelete().Model(&row).Where("state_hash = ?", secretHash(state)).Returning("*").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.Flow{}, identity.ErrStateInvalid
	}
	if err != nil {
		return identity.Flow{}, fmt.Errorf("take flow: %w", err)
	}
	if !now.Before(row.ExpiresAt) {
		return identity.Flow{}, identity.ErrStateInvalid.With("reason", "expired")
	}
	return identity.Flow{
		State: state, Provider: row.Provider, Nonce: row.Nonce, Verifier: row.Verifier,
		ReturnTo: row.ReturnTo, ExpiresAt: row.ExpiresAt.UTC(),
	}, nil
}

type signInGrants struct{ db *bun.DB }

// Save implements identity.Grants. Expired codes are swept on the way.
func (s *signInGrants) Save(ctx context.Context, g identity.Grant) error {
	row := &grantRow{CodeHash: secretHash(g.Code), UserID: string(g.UserID), ExpiresAt: g.ExpiresAt.UTC()}
	if _, err := s.db.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("insert grant: %w", err)
	}
	if _, err := s.db.NewDelete().Model((*grantRow)(nil)).Where("expires_at < ?", g.ExpiresAt.UTC().Add(-time.Hour)).Exec(ctx); err != nil {
		return fmt.Errorf("sweep grants: %w", err)
	}
	return nil
}

// Take implements identity.Grants.
func (s *signInGrants) Take(ctx context.Context, code string, now time.Time) (user.ID, error) {
	var row grantRow
	err := s.db.NewDelete().Model(&row).Where("code_hash = ?", secretHash(code)).Returning("*").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", identity.ErrCodeInvalid
	}
	if err != nil {
		return "", fmt.Errorf("take grant: %w", err)
	}
	if !now.Before(row.ExpiresAt) {
		return "", identity.ErrCodeInvalid.With("reason", "expired")
	}
	return user.ID(row.UserID), nil
}
