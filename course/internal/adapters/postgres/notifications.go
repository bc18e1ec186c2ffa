package postgres

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/notification"
	"lms/shared/inbox"
)

// NotificationsConsumer names the notifications in the inbox of processed
// events.
const NotificationsConsumer = "course.notifications"

// Notifications stores the notification context: the deliveries of events,
// inboxes, preferences and the mails waiting for the relay.
type Notifications struct {
	db *bun.DB
}

var (
	_ notification.Deliverer       = (*Notifications)(nil)
	_ notification.Inbox           = (*Notifications)(nil)
	_ notification.PreferenceStore = (*Notifications)(nil)
	_ notification.MailQueue       = (*Notifications)(nil)
)

// NewNotifications returns the store over db.
func NewNotifications(db *bun.DB) *Notifications { return &Notifications{db: db} }

// Deliver claims the event for its recipient in the inbox of processed
// events, reads the facts, and stores what plan decides, in one
// transaction. Each delivery's key (event, recipient, channel) is unique,
// so even a second claim could not notify twice.
func (n *Notifications) Deliver(ctx context.Context, e notification.Event, plan func(notification.Facts) notification.Deliveries) (bool, error) {
	var first bool
	err := n.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		first, err = inbox.Claim(ctx, tx, NotificationsConsumer, e.ID+"/"+e.Recipient)
		if err != nil || !first {
			return err
		}
		f, err := facts(ctx, tx, e)
		if err != nil {
			return err
		}
		d := plan(f)
		if m := d.InApp; m != nil {
			if _, err := tx.NewRaw(`INSERT INTO notifications (id, recipient_id, event_id, kind, course_id, subject, body, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, recipient_id, channel) DO NOTHING`,
				m.ID, m.Recipient, m.EventID, string(m.Kind), m.CourseID, clean(m.Subject), clean(m.Body), m.CreatedAt.UTC()).Exec(ctx); err != nil {
				return fmt.Errorf("store notification of %s: %w", e.ID, err)
			}
		}
		if m := d.Email; m != nil && m.Digest {
			if err := holdForDigest(ctx, tx, m); err != nil {
				return err
			}
		} else if m != nil {
			if _, err := tx.NewRaw(`INSERT INTO notification_mails (event_id, recipient_id, kind, to_address, subject, body, message_id, created_at, next_attempt_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, recipient_id, channel) DO NOTHING`,
				m.EventID, m.Recipient, string(m.Kind), m.To, clean(m.Subject), clean(m.Body), m.MessageID, m.CreatedAt.UTC(), m.CreatedAt.UTC()).Exec(ctx); err != nil {
				return fmt.Errorf("store mail of %s: %w", e.ID, err)
			}
		}
		return nil
	})
	return first, err
}

// facts reads the recipient's address and preferences, the course's title
// and whether the enrollment waited on the waitlist.
func facts(ctx context.Context, db bun.IDB, e notification.Event) (notification.Facts, error) {
	var row struct {
		Address      string `bun:"address"`
		CourseTitle  string `bun:"course_title"`
		FromWaitlist bool   `bun:"from_waitlist"`
		AboutName    string `bun:"about_name"`
	}
	if err := db.NewRaw(`SELECT
			coalesce((SELECT email FROM people WHERE user_id = ?), '') AS address,
			coalesce((SELECT title FROM courses WHERE id = ?), '') AS course_title,
			coalesce((SELECT waitlisted_at IS NOT NULL FROM enrollments WHERE id = ?), false) AS from_waitlist,
			coalesce((SELECT display_name FROM people WHERE user_id = ?), '') AS about_name`,
		e.Recipient, e.CourseID, e.EnrollmentID, e.About).Scan(ctx, &row); err != nil {
		return notification.Facts{}, fmt.Errorf("facts of event %s: %w", e.ID, err)
	}
	prefs, err := preferences(ctx, db, e.Recipient)
	if err != nil {
		return notification.Facts{}, err
	}
	return notification.Facts{Address: row.Address, Preferences: prefs, CourseTitle: row.CourseTitle, FromWaitlist: row.FromWaitlist,
		AboutName: row.AboutName}, nil
}
