package postgres

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/iam/internal/domain/signingkey"
)

type signingKeyRow struct {
	bun.BaseModel `bun:"table:signing_keys"`

	ID               string    `bun:"id,pk"`
	PublicKey        []byte    `bun:"public_key"`
	SealedPrivateKey []byte    `bun:"sealed_private_key"`
	CreatedAt        time.Time `bun:"created_at"`
	RetiredAt        time.Time `bun:"retired_at,nullzero"`
}

// SigningKeys is the signing-key repository. Private keys are sealed with
// AES-256-GCM (the key id as associated data, so sealed keys cannot be
// swapped between rows) under a key-encryption key from the configuration.
type SigningKeys struct {
	db   *bun.DB
	aead cipher.AEAD
}

var _ signingkey.Repository = (*SigningKeys)(nil)

// NewSigningKeys returns the repository; kek is the 32-byte key-encryption key.
func NewSigningKeys(db *bun.DB, kek []byte) (*SigningKeys, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, fmt.Errorf("key-encryption key: %w", err)
	}
	if len(kek) != 32 {
		return nil, errors.New("key-encryption key: need 32 bytes for AES-256")
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("key-encryption key: %w", err)
	}
	return &SigningKeys{db: db, aead: aead}, nil
}

// Active implements signingkey.Repository.
func (r *SigningKeys) Active(ctx context.Context) (signingkey.Key, bool, error) {
	return r.one(ctx, r.db.NewSelect().Where("retired_at IS NULL"))
}

// Get implements signingkey.Repository.
func (r *SigningKeys) Get(ctx context.Context, id string) (signingkey.Key, bool, error) {
	return r.one(ctx, r.db.NewSelect().Where("id = ?", id))
}

// All implements signingkey.Repository.
func (r *SigningKeys) All(ctx context.Context) ([]signingkey.Key, error) {
	var rows []signingKeyRow
	if err := r.db.NewSelect().Model(&rows).OrderExpr("created_at DESC, id DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load signing keys: %w", err)
	}
	out := make([]signingkey.Key, 0, len(rows))
	for i := range rows {
		k, err := r.open(&rows[i])
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// AddFirst implements signingkey.Repository.
func (r *SigningKeys) AddFirst(ctx context.Context, k signingkey.Key) (signingkey.Key, error) {
	row, err := r.seal(k)
	if err != nil {
		return signingkey.Key{}, err
	}
	// The partial unique index on active keys turns a lost race into a no-op.
	if _, err := r.db.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return signingkey.Key{}, fmt.Errorf("insert signing key: %w", err)
	}
	active, ok, err := r.Active(ctx)
	if err == nil && !ok {
		err = errors.New("no active signing key after creating one")
	}
	return active, err
}

// Rotate implements signingkey.Repository.
func (r *SigningKeys) Rotate(ctx context.Context, next signingkey.Key, now time.Time) error {
	row, err := r.seal(next)
	if err != nil {
		return err
	}
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model((*signingKeyRow)(nil)).Set("retired_at = ?", now.UTC()).
			Where("retired_at IS NULL").Exec(ctx); err != nil {
			return fmt.Errorf("retire signing key: %w", err)
		}
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return fmt.Errorf("insert signing key: %w", err)
		}
		return nil
	})
}

func (r *SigningKeys) one(ctx context.Context, q *bun.SelectQuery) (signingkey.Key, bool, error) {
	var row signingKeyRow
	err := q.Model(&row).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return signingkey.Key{}, false, nil
	}
	if err != nil {
		return signingkey.Key{}, false, fmt.Errorf("load signing key: %w", err)
	}
	k, err := r.open(&row)
	return k, err == nil, err
}

func (r *SigningKeys) seal(k signingkey.Key) (*signingKeyRow, error) {
	nonce := make([]byte, r.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	sealed := r.aead.Seal(nonce, nonce, k.Private.Seed(), []byte(k.ID))
	return &signingKeyRow{
		ID: k.ID, PublicKey: k.Public(), SealedPrivateKey: sealed,
		CreatedAt: k.CreatedAt.UTC(), RetiredAt: k.RetiredAt.UTC(),
	}, nil
}

func (r *SigningKeys) open(row *signingKeyRow) (signingkey.Key, error) {
	n := r.aead.NonceSize()
	if len(row.SealedPrivateKey) < n {
		return signingkey.Key{}, fmt.Errorf("signing key %s: sealed key too short", row.ID)
	}
	seed, err := r.aead.Open(nil, row.SealedPrivateKey[:n], row.SealedPrivateKey[n:], []byte(row.ID))
	if err != nil {
		return signingkey.Key{}, fmt.Errorf("signing key %s: cannot unseal (wrong IAM_KEY_ENCRYPTION_KEY?): %w", row.ID, err)
	}
	if len(seed) != ed25519.SeedSize {
		return signingkey.Key{}, fmt.Errorf("signing key %s: bad seed length", row.ID)
	}
	return signingkey.Key{
		ID: row.ID, Private: ed25519.NewKeyFromSeed(seed), CreatedAt: row.CreatedAt.UTC(), RetiredAt: row.RetiredAt.UTC(),
	}, nil
}
