package events

import "time"

// SourceIAM is the CloudEvents source of events produced by the iam service.
const SourceIAM = "lms/iam"

// CloudEvents types produced by iam on TopicIAM, keyed by user id.
const (
	TypeUserRegistered   = "lms.iam.user.registered.v1"
	TypeUserRolesChanged = "lms.iam.user.roles_changed.v1"
	TypeUserDisabled     = "lms.iam.user.disabled.v1"
	TypeUserEnabled      = "lms.iam.user.enabled.v1"
	// TypeUserPasswordChanged: the user chose a new password and every
	// session they had before was revoked.
	TypeUserPasswordChanged = "lms.iam.user.password_changed.v1" //nolint:gosec // an event type, not a credential
)

// UserRegistered is the data of TypeUserRegistered: a new account exists,
// made by the person themselves or, when RegisteredBy names one, by an admin.
type UserRegistered struct {
	UserID       string    `json:"user_id"`
	Email        string    `json:"email"`
	DisplayName  string    `json:"display_name"`
	Roles        []string  `json:"roles"`
	RegisteredBy string    `json:"registered_by,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
}

// UserRolesChanged is the data of TypeUserRolesChanged: the user's roles are
// now Roles (the full set, so consumers need not know the previous state).
type UserRolesChanged struct {
	UserID    string    `json:"user_id"`
	Roles     []string  `json:"roles"`
	Previous  []string  `json:"previous_roles"`
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
}

// UserDisabled is the data of TypeUserDisabled: the user can no longer sign in
// and their sessions are revoked.
type UserDisabled struct {
	UserID     string    `json:"user_id"`
	DisabledBy string    `json:"disabled_by"`
	Reason     string    `json:"reason"`
	DisabledAt time.Time `json:"disabled_at"`
}

// UserEnabled is the data of TypeUserEnabled: a disabled user may sign in again.
type UserEnabled struct {
	UserID    string    `json:"user_id"`
	EnabledBy string    `json:"enabled_by"`
	EnabledAt time.Time `json:"enabled_at"`
}

// UserPasswordChanged is the data of TypeUserPasswordChanged: the user
// changed their password; their earlier sessions are revoked. It carries
// nothing derived from the password.
type UserPasswordChanged struct {
	UserID    string    `json:"user_id"`
	ChangedAt time.Time `json:"changed_at"`
}
