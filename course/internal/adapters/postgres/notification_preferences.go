package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/notification"
)

// Preferences reads user's preferences; kinds she never chose take the
// default.
func (n *Notifications) Preferences(ctx context.Context, user string) (notification.Preferences, error) {
	return preferences(ctx, n.db, user)
}

func preferences(ctx context.Context, db bun.IDB, user string) (notification.Preferences, error) {
	var rows []struct {
		Kind  string `bun:"kind"`
		InApp bool   `bun:"in_app"`
		Email bool   `bun:"email"`
	}
	if err := db.NewRaw("SELECT kind, in_app, email FROM notification_preferences WHERE user_id = ?", user).Scan(ctx, &rows); err != nil {
		return notification.Preferences{}, fmt.Errorf("preferences of %s: %w", user, err)
	}
	set := make([]notification.Preference, 0, len(rows))
	for _, r := range rows {
		if _, err := notification.ParseKind(r.Kind); err != nil {
			continue // a kind no longer sent
		}
		set = append(set, notification.Preference{Kind: notification.Kind(r.Kind), Choice: notification.Choice{InApp: r.InApp, Email: r.Email}})
	}
	p, err := notification.NewPreferences(set)
	if err != nil {
		return p, err
	}
	on, err := digestOn(ctx, db, user)
	return p.WithDigest(on), err
}

// SetPreferences upserts user's choices for the kinds of set, in one
// transaction.
func (n *Notifications) SetPreferences(ctx context.Context, user string, set []notification.Preference, at time.Time) error {
	return n.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, p := range set {
			if _, err := tx.NewRaw(`INSERT INTO notification_preferences (user_id, kind, in_app, email, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
				user, string(p.Kind), p.InApp, p.Email, at.UTC()).Exec(ctx); err != nil {
				return fmt.Errorf("set preference %s of %s: %w", p.Kind, user, err)
			}
		}
		return nil
	})
}
