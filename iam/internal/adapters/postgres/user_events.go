package postgres

import (
	"fmt"
	"time"

	"lms/iam/internal/domain/user"
	"lms/shared/events"
)

// toEvents turns the domain's user events into the published contract
// (lms/shared/events) on lms.iam.v1, keyed by user id so one user's events
// stay in order.
func toEvents(in []user.Event) ([]events.Event, error) {
	out := make([]events.Event, 0, len(in))
	for _, e := range in {
		id, data, at, err := published(e)
		if err != nil {
			return nil, err
		}
		ev, err := events.NewOf(string(id), "user/"+string(id), data, at)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

func published(e user.Event) (user.ID, any, time.Time, error) {
	switch e := e.(type) {
	case user.Registered:
		return e.UserID, events.UserRegistered{
			UserID: string(e.UserID), Email: e.Email.String(), DisplayName: e.DisplayName,
			Roles: e.Roles.Strings(), RegisteredBy: string(e.By), RegisteredAt: e.At,
		}, e.At, nil
	case user.PasswordChanged:
		return e.UserID, events.UserPasswordChanged{UserID: string(e.UserID), ChangedAt: e.At}, e.At, nil
	case user.RolesChanged:
		return e.UserID, events.UserRolesChanged{
			UserID: string(e.UserID), Roles: e.Roles.Strings(), Previous: e.Previous.Strings(),
			ChangedBy: string(e.By), ChangedAt: e.At,
		}, e.At, nil
	case user.Disabled:
		return e.UserID, events.UserDisabled{UserID: string(e.UserID), DisabledBy: string(e.By), DisabledAt: e.At}, e.At, nil
	case user.Enabled:
		return e.UserID, events.UserEnabled{UserID: string(e.UserID), EnabledBy: string(e.By), EnabledAt: e.At}, e.At, nil
	default:
		return "", nil, time.Time{}, fmt.Errorf("user event %T has no published form", e)
	}
}
