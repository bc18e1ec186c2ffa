package command

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

// NotifyAudienceHandler turns an event that concerns a group (the staff who
// decide a course's requests, those who grade it, the administrators) into
// a notification of each member, once per event and member.
type NotifyAudienceHandler struct {
	notify    NotifyHandler
	audiences notification.Audiences
}

// NewNotifyAudienceHandler returns the handler notifying through notify.
func NewNotifyAudienceHandler(notify NotifyHandler, audiences notification.Audiences) NotifyAudienceHandler {
	return NotifyAudienceHandler{notify: notify, audiences: audiences}
}

// Handle notifies every member of a of e (e's Recipient is ignored) and
// answers how many it notified now.
func (h NotifyAudienceHandler) Handle(ctx context.Context, e notification.Event, a notification.Audience) (int, error) {
	if e.Stale(h.notify.now.Now(), h.notify.maxAge) {
		return 0, nil
	}
	members, err := h.audiences.Members(ctx, a, e.CourseID)
	if err != nil {
		return 0, fmt.Errorf("members of %s of course %s: %w", a, e.CourseID, err)
	}
	n := 0
	for _, m := range members {
		e.Recipient = m
		first, err := h.notify.Deliver(ctx, e)
		if err != nil {
			return n, err
		}
		if first {
			n++
		}
	}
	return n, nil
}

// Administrators keeps who the platform's administrators are, from iam's
// reports of a user's roles.
type Administrators interface {
	// SetAdministrator records whether user is an administrator as of at;
	// an older report than the one stored changes nothing.
	SetAdministrator(ctx context.Context, user string, admin bool, at time.Time) error
}

// TrackAdministratorsHandler keeps the administrators the escalations go to.
type TrackAdministratorsHandler struct{ admins Administrators }

// NewTrackAdministratorsHandler returns the handler over admins.
func NewTrackAdministratorsHandler(admins Administrators) TrackAdministratorsHandler {
	return TrackAdministratorsHandler{admins: admins}
}

// Roles records user's roles as iam reported them at at.
func (h TrackAdministratorsHandler) Roles(ctx context.Context, user string, roles []string, admin string, at time.Time) error {
	if user == "" {
		return ErrBadPerson
	}
	is := false
	for _, r := range roles {
		is = is || r == admin
	}
	if err := h.admins.SetAdministrator(ctx, user, is, at); err != nil {
		return fmt.Errorf("roles of %s: %w", user, err)
	}
	return nil
}
