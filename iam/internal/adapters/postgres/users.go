package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"lms/iam/internal/domain/user"
	"lms/shared/outbox"
)

type userRow struct {
	bun.BaseModel `bun:"table:users"`

	ID           string    `bun:"id,pk,type:uuid"`
	Email        string    `bun:"email"`
	DisplayName  string    `bun:"display_name"`
	Roles        []string  `bun:"roles,array"`
	Status       string    `bun:"status"`
	PasswordHash string    `bun:"password_hash"`
	CreatedAt    time.Time `bun:"created_at"`
	UpdatedAt    time.Time `bun:"updated_at"`
}

func userFromDomain(u *user.User) *userRow {
	return &userRow{
		ID: string(u.ID()), Email: u.Email().String(), DisplayName: u.DisplayName(), Roles: u.Roles().Strings(),
		Status: string(u.Status()), PasswordHash: u.PasswordHash(), CreatedAt: u.CreatedAt(), UpdatedAt: u.UpdatedAt(),
	}
}

func (r *userRow) toDomain() *user.User {
	roles := make(user.Roles, len(r.Roles))
	for i, s := range r.Roles {
		roles[i] = user.Role(s)
	}
	return user.Rehydrate(user.ID(r.ID), user.Email(r.Email), r.DisplayName, roles, user.Status(r.Status),
		r.PasswordHash, r.CreatedAt, r.UpdatedAt)
}

// Users is the user repository. User events go to the outbox (lms/shared/outbox)
// in the transaction of the change, so none is lost and none is published for
// a change that was rolled back.
type Users struct {
	db *bun.DB
}

var _ user.Repository = (*Users)(nil)

// NewUsers returns the user repository.
func NewUsers(db *bun.DB) *Users { return &Users{db: db} }

// Add implements user.Repository.
func (r *Users) Add(ctx context.Context, u *user.User) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(userFromDomain(u)).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return user.ErrEmailTaken
			}
			return fmt.Errorf("insert user %s: %w", u.ID(), err)
		}
		return r.appendEvents(ctx, tx, u)
	})
}

// Get implements user.Repository.
func (r *Users) Get(ctx context.Context, id user.ID) (*user.User, error) {
	return r.getWhere(ctx, r.db.NewSelect(), "id = ?", string(id))
}

// GetByEmail implements user.Repository.
func (r *Users) GetByEmail(ctx context.Context, email user.Email) (*user.User, error) {
	return r.getWhere(ctx, r.db.NewSelect(), "lower(email) = lower(?)", email.String())
}

// Update implements user.Repository.
func (r *Users) Update(ctx context.Context, id user.ID, fn func(*user.User) error) (*user.User, error) {
	var u *user.User
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = r.getWhere(ctx, tx.NewSelect().For("UPDATE"), "id = ?", string(id)); err != nil {
			return err
		}
		if err := fn(u); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(userFromDomain(u)).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update user %s: %w", id, err)
		}
		return r.appendEvents(ctx, tx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// List implements user.Repository.
func (r *Users) List(ctx context.Context, f user.ListFilter) ([]*user.User, error) {
	var rows []userRow
	q := r.db.NewSelect().Model(&rows).OrderExpr("id ASC").Limit(int64(f.Limit))
	if f.After != "" {
		q = q.Where("id > ?", string(f.After))
	}
	if f.Role != "" {
		q = q.Where("? = ANY(roles)", string(f.Role))
	}
	if f.EmailPrefix != "" {
		q = q.Where("lower(email) LIKE ?", escapeLike(strings.ToLower(f.EmailPrefix))+"%")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := make([]*user.User, len(rows))
	for i := range rows {
		out[i] = rows[i].toDomain()
	}
	return out, nil
}

func (r *Users) getWhere(ctx context.Context, q *bun.SelectQuery, where string, args ...any) (*user.User, error) {
	var row userRow
	err := q.Model(&row).Where(where, args...).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, user.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	return row.toDomain(), nil
}

func (r *Users) appendEvents(ctx context.Context, tx bun.IDB, u *user.User) error {
	evs, err := toEvents(u.Events())
	if err != nil {
		return err
	}
	if len(evs) == 0 {
		return nil
	}
	if err := outbox.Append(ctx, tx, evs...); err != nil {
		return fmt.Errorf("append user events: %w", err)
	}
	return nil
}

// escapeLike makes s match literally in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}
