package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/shared/inbox"
)

// PeopleConsumer names the people read model in the inbox of processed
// events.
const PeopleConsumer = "course.people"

// People keeps users' names, each report once.
type People struct {
	db *bun.DB
}

var _ command.People = (*People)(nil)

// NewPeople returns the people read model over db.
func NewPeople(db *bun.DB) *People { return &People{db: db} }

// Remember claims the report in the inbox and upserts the user in the same
// transaction; a redelivery finds its claim, an older report changes
// nothing.
func (p *People) Remember(ctx context.Context, in command.Person) error {
	return p.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		first, err := inbox.Claim(ctx, tx, PeopleConsumer, in.EventID)
		if err != nil || !first {
			return err
		}
		_, err = tx.NewRaw(`INSERT INTO people (user_id, display_name, email, changed_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
				changed_at = EXCLUDED.changed_at
			WHERE people.changed_at <= EXCLUDED.changed_at`,
			in.UserID, clean(in.DisplayName), clean(in.Email), in.At.UTC()).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remember user %s: %w", in.UserID, err)
		}
		return nil
	})
}

// clean drops what PostgreSQL cannot store in text (NUL) and bytes that are
// not UTF-8, should another service's event carry them.
func clean(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "")
}
