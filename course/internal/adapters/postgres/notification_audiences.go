package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
)

var (
	_ notification.Audiences = (*Notifications)(nil)
	_ command.Administrators = (*Notifications)(nil)
)

// Members lists the people of audience a: the course's owner with its
// co-teachers (and teaching assistants for the graders), or every
// administrator.
func (n *Notifications) Members(ctx context.Context, a notification.Audience, courseID string) ([]string, error) {
	var (
		out   []string
		roles []string
	)
	switch a {
	case notification.AudienceAdministrators:
		if err := n.db.NewRaw("SELECT user_id FROM notification_administrators WHERE admin ORDER BY user_id").Scan(ctx, &out); err != nil {
			return nil, fmt.Errorf("administrators: %w", err)
		}
		return out, nil
	case notification.AudienceDeciders:
		roles = []string{"co_teacher"}
	case notification.AudienceGraders:
		roles = []string{"co_teacher", "teaching_assistant"}
	default:
		return nil, fmt.Errorf("audience %q: %w", a, notification.ErrBadEvent)
	}
	if err := n.db.NewRaw(`SELECT owner_id FROM courses WHERE id = ?
		UNION SELECT user_id FROM course_staff WHERE course_id = ? AND role IN (?)
		ORDER BY 1`, courseID, courseID, bun.List(roles)).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("staff of course %s: %w", courseID, err)
	}
	return out, nil
}

// SetAdministrator records whether user is an administrator, unless a later
// report is stored.
func (n *Notifications) SetAdministrator(ctx context.Context, user string, admin bool, at time.Time) error {
	if _, err := n.db.NewRaw(`INSERT INTO notification_administrators (user_id, admin, changed_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET admin = EXCLUDED.admin, changed_at = EXCLUDED.changed_at
		WHERE notification_administrators.changed_at < EXCLUDED.changed_at`, user, admin, at.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record administrator %s: %w", user, err)
	}
	return nil
}
