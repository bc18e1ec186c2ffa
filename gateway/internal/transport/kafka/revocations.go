// Package kafka is the gateway's event consumers: it follows iam's events so
// a disabled user's access tokens are refused within a second.
package kafka

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"lms/shared/events"
	lmskafka "lms/shared/kafka"
)

// Revoker refuses a user's tokens issued before a moment; *auth.Revocations
// is the gateway's.
type Revoker interface {
	Revoke(userID string, at time.Time)
}

// Revocations returns the handler of lms.iam.v1: a "user disabled" event
// revokes the user's tokens issued before the disable. Other events are
// not the gateway's concern. Revoking twice is harmless, so redelivery needs
// no bookkeeping.
func Revocations(r Revoker) lmskafka.Handler {
	return func(_ context.Context, ev events.Event) error {
		if ev.Type != events.TypeUserDisabled {
			return nil
		}
		var data events.UserDisabled
		if err := json.Unmarshal(ev.Data, &data); err != nil {
			return lmskafka.Permanent(fmt.Errorf("decode %s %s: %w", ev.Type, ev.ID, err))
		}
		if data.UserID == "" {
			return lmskafka.Permanent(fmt.Errorf("%s %s names no user", ev.Type, ev.ID))
		}
		at := data.DisabledAt
		if at.IsZero() {
			at = ev.Time
		}
		r.Revoke(data.UserID, at)
		return nil
	}
}
