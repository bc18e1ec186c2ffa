package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

type identityRow struct {
	bun.BaseModel `bun:"table:external_identities"`

	ID           string    `bun:"id,pk,type:uuid"`
	UserID       string    `bun:"user_id,type:uuid"`
	Provider     string    `bun:"provider"`
	Issuer       string    `bun:"issuer"`
	Subject      string    `bun:"subject"`
	Email        string    `bun:"email"`
	LinkedAt     time.Time `bun:"linked_at"`
	LastSignInAt time.Time `bun:"last_signin_at"`
}

func identityFromDomain(i *identity.Identity) *identityRow {
	return &identityRow{
		ID: i.ID(), UserID: string(i.UserID()), Provider: i.Provider(), Issuer: i.Key().Issuer, Subject: i.Key().Subject,
		Email: i.Email().String(), LinkedAt: i.LinkedAt(), LastSignInAt: i.LastSignInAt(),
	}
}

func (r *identityRow) toDomain() *identity.Identity {
	return identity.Rehydrate(r.ID, user.ID(r.UserID), r.Provider, identity.Key{Issuer: r.Issuer, Subject: r.Subject},
		user.Email(r.Email), r.LinkedAt, r.LastSignInAt)
}

// Identities stores users' external identities.
type Identities struct {
	db    *bun.DB
	users *Users
}

var _ identity.Repository = (*Identities)(nil)

// NewIdentities returns the identity repository.
func NewIdentities(db *bun.DB) *Identities { return &Identities{db: db, users: NewUsers(db)} }

// Get implements identity.Repository.
func (r *Identities) Get(ctx context.Context, key identity.Key) (*identity.Identity, error) {
	var row identityRow
	err := r.db.NewSelect().Model(&row).Where("issuer = ? AND subject = ?", key.Issuer, key.Subject).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, identity.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load identity: %w", err)
	}
	return row.toDomain(), nil
}

// AddWithUser implements identity.Repository.
func (r *Identities) AddWithUser(ctx context.Context, u *user.User, i *identity.Identity) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(userFromDomain(u)).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return user.ErrEmailTaken
			}
			return fmt.Errorf("insert user %s: %w", u.ID(), err)
		}
		if err := r.users.appendEvents(ctx, tx, u); err != nil {
			return err
		}
		return insertIdentity(ctx, tx, i)
	})
}

// Add implements identity.Repository.
func (r *Identities) Add(ctx context.Context, i *identity.Identity) error {
	return insertIdentity(ctx, r.db, i)
}

func insertIdentity(ctx context.Context, db bun.IDB, i *identity.Identity) error {
	if _, err := db.NewInsert().Model(identityFromDomain(i)).Exec(ctx); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return identity.ErrAlreadyLinked
		}
		return fmt.Errorf("insert identity: %w", err)
	}
	return nil
}

// SignedIn implements identity.Repository.
func (r *Identities) SignedIn(ctx context.Context, key identity.Key, email user.Email, now time.Time) error {
	_, err := r.db.NewUpdate().Model((*identityRow)(nil)).
		Set("email = ?", email.String()).Set("last_signin_at = ?", now.UTC()).
		Where("issuer = ? AND subject = ?", key.Issuer, key.Subject).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record sign-in: %w", err)
	}
	return nil
}

// ListByUser implements identity.Repository.
func (r *Identities) ListByUser(ctx context.Context, userID user.ID) ([]*identity.Identity, error) {
	return listIdentities(ctx, r.db, userID)
}

func listIdentities(ctx context.Context, db bun.IDB, userID user.ID) ([]*identity.Identity, error) {
	var rows []identityRow
	if err := db.NewSelect().Model(&rows).Where("user_id = ?", string(userID)).OrderExpr("linked_at, id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list identities: %w", err)
	}
	out := make([]*identity.Identity, len(rows))
	for i := range rows {
		out[i] = rows[i].toDomain()
	}
	return out, nil
}

// Remove implements identity.Repository.
func (r *Identities) Remove(ctx context.Context, userID user.ID, id string, check func(*user.User, []*identity.Identity) error) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := r.users.getWhere(ctx, tx.NewSelect().For("UPDATE"), "id = ?", string(userID))
		if err != nil {
			return err
		}
		all, err := listIdentities(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := check(u, all); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*identityRow)(nil)).Where("id = ? AND user_id = ?", id, string(userID)).Exec(ctx); err != nil {
			return fmt.Errorf("delete identity: %w", err)
		}
		return nil
	})
}
