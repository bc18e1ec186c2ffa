package user

import "time"

// Event is something that happened to a user; the repository publishes it
// through the outbox in the same transaction as the change.
type Event interface{ isUserEvent() }

// Registered says a new account exists. By is the admin who created it, or
// empty when the person registered themselves.
type Registered struct {
	UserID      ID
	Email       Email
	DisplayName string
	Roles       Roles
	By          ID
	At          time.Time
}

// RolesChanged says the user's roles are now Roles.
type RolesChanged struct {
	UserID   ID
	Roles    Roles
	Previous Roles
	By       ID
	At       time.Time
}

// Disabled says the user can no longer sign in and their sessions are revoked.
type Disabled struct {
	UserID ID
	By     ID
	At     time.Time
}

// Enabled says a disabled user may sign in again.
type Enabled struct {
	UserID ID
	By     ID
	At     time.Time
}

// PasswordChanged says the user chose a new password; every session they
// had before is revoked.
type PasswordChanged struct {
	UserID ID
	At     time.Time
}

func (Registered) isUserEvent()      {}
func (PasswordChanged) isUserEvent() {}
func (RolesChanged) isUserEvent()    {}
func (Disabled) isUserEvent()        {}
func (Enabled) isUserEvent()         {}
