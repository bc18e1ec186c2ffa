package postgres

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

type notificationRow struct {
	ID        string     `bun:"id"`
	Recipient string     `bun:"recipient_id"`
	EventID   string     `bun:"event_id"`
	Kind      string     `bun:"kind"`
	CourseID  string     `bun:"course_id"`
	Subject   string     `bun:"subject"`
	Body      string     `bun:"body"`
	CreatedAt time.Time  `bun:"created_at"`
	ReadAt    *time.Time `bun:"read_at"`
}

func (r notificationRow) toDomain() notification.Notification {
	n := notification.Notification{
		ID: r.ID, Recipient: r.Recipient, EventID: r.EventID, Kind: notification.Kind(r.Kind), CourseID: r.CourseID,
		Message: notification.Message{Subject: r.Subject, Body: r.Body}, CreatedAt: r.CreatedAt.UTC(),
	}
	if r.ReadAt != nil {
		at := r.ReadAt.UTC()
		n.ReadAt = &at
	}
	return n
}

// List reads one page of recipient's inbox, newest first.
func (n *Notifications) List(ctx context.Context, recipient, before string, limit int) ([]notification.Notification, error) {
	var rows []notificationRow
	q := `SELECT id, recipient_id, event_id, kind, course_id, subject, body, created_at, read_at
		FROM notifications WHERE recipient_id = ? AND (? = '' OR id < ?) ORDER BY id DESC LIMIT ?`
	if err := n.db.NewRaw(q, recipient, before, before, limit).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("list notifications of %s: %w", recipient, err)
	}
	out := make([]notification.Notification, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.toDomain())
	}
	return out, nil
}

// Unread counts recipient's unread notifications.
func (n *Notifications) Unread(ctx context.Context, recipient string) (int, error) {
	var c int
	if err := n.db.NewRaw("SELECT count(*) FROM notifications WHERE recipient_id = ? AND read_at IS NULL", recipient).Scan(ctx, &c); err != nil {
		return 0, fmt.Errorf("count unread of %s: %w", recipient, err)
	}
	return c, nil
}

// MarkRead marks one of recipient's notifications read, keeping an earlier
// mark; another person's notification is not found.
func (n *Notifications) MarkRead(ctx context.Context, recipient, id string, at time.Time) error {
	var found []string
	if err := n.db.NewRaw(`UPDATE notifications SET read_at = coalesce(read_at, ?)
		WHERE id = ? AND recipient_id = ? RETURNING id`, at.UTC(), id, recipient).Scan(ctx, &found); err != nil {
		return fmt.Errorf("mark notification %s read: %w", id, err)
	}
	if len(found) == 0 {
		return notification.ErrNotFound
	}
	return nil
}

// MarkAllRead marks recipient's unread notifications read.
func (n *Notifications) MarkAllRead(ctx context.Context, recipient string, at time.Time) (int, error) {
	res, err := n.db.NewRaw("UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL", at.UTC(), recipient).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("mark notifications of %s read: %w", recipient, err)
	}
	c, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("mark notifications of %s read: %w", recipient, err)
	}
	return int(c), nil
}
