package user

import "time"

// Event is something that happened to a user; the repository publishes it
// through the outbox in the same transaction as the change.
type Event interface{ isUserEvent() }

// Registered says a new account exists.
type Registered struct {
	UserID      ID
	Email       Email
	DisplayName string
	Roles       Roles
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

func (Registered) isUserEvent()   {}
func (RolesChanged) isUserEvent() {}
func (Disabled) isUserEvent()     {}
func (Enabled) isUserEvent()      {}
