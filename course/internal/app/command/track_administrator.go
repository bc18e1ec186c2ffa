package command

import (
	"context"
	"fmt"
	"time"
)

// Administrators keeps who the platform's administrators are, from iam's
// reports of a user's roles.
type Administrators interface {
	// SetAdministrator records whether user is an administrator as of at;
	// an older report than the one stored changes nothing.
	SetAdministrator(ctx context.Context, user string, admin bool, at time.Time) error
}

// TrackAdministratorInput is what TrackAdministrator is asked.
type TrackAdministratorInput struct {
	UserID    string
	Roles     []string
	AdminRole string
	At        time.Time
}

// TrackAdministrator keeps the administrators the escalations go to.
type TrackAdministrator struct {
	admins Administrators
}

// NewTrackAdministrator returns the TrackAdministrator use case.
func NewTrackAdministrator(admins Administrators) *TrackAdministrator {
	return &TrackAdministrator{admins: admins}
}

// Handle runs the use case.
func (h *TrackAdministrator) Handle(ctx context.Context, in TrackAdministratorInput) error {
	if in.UserID == "" {
		return ErrBadPerson
	}
	is := false
	for _, r := range in.Roles {
		is = is || r == in.AdminRole
	}
	if err := h.admins.SetAdministrator(ctx, in.UserID, is, in.At); err != nil {
		return fmt.Errorf("roles of %s: %w", in.UserID, err)
	}
	return nil
}
