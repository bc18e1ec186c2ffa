package user

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ID identifies a user: a UUIDv7 in its canonical text form.
type ID string

// Status says whether a user may sign in.
type Status string

// The statuses.
const (
	StatusActive   Status = "active"
	StatusDisabled Status = "disabled"
)

// maxDisplayNameLength bounds display names in characters.
const maxDisplayNameLength = 100

// User is a person's account. The password hash is an opaque PHC string made
// by the app's hasher; the aggregate only carries it.
type User struct {
	id           ID
	email        Email
	displayName  string
	roles        Roles
	status       Status
	passwordHash string
	createdAt    time.Time
	updatedAt    time.Time
	events       []Event
}

// Register creates an active user with the given roles (student is always
// among them) and records a Registered event: a person signing up, or the
// first admin of the platform.
func Register(id ID, email Email, displayName, passwordHash string, roles Roles, now time.Time) (*User, error) {
	return register(id, email, displayName, passwordHash, roles, "", now)
}

// Create is Register done by an admin (by) on someone's behalf; the
// Registered event names the admin.
func Create(id ID, email Email, displayName, passwordHash string, roles Roles, by ID, now time.Time) (*User, error) {
	return register(id, email, displayName, passwordHash, roles, by, now)
}

func register(id ID, email Email, displayName, passwordHash string, roles Roles, by ID, now time.Time) (*User, error) {
	name, err := normaliseDisplayName(displayName)
	if err != nil {
		return nil, err
	}
	if email == "" {
		return nil, ErrInvalidEmail
	}
	if roles, err = NewRoles(roles...); err != nil {
		return nil, err
	}
	now = now.UTC()
	u := &User{
		id: id, email: email, displayName: name, roles: roles, status: StatusActive,
		passwordHash: passwordHash, createdAt: now, updatedAt: now,
	}
	u.record(Registered{UserID: id, Email: email, DisplayName: name, Roles: roles, By: by, At: now})
	return u, nil
}

// Rehydrate rebuilds a stored user without validation or events; only
// repositories call it.
func Rehydrate(id ID, email Email, displayName string, roles Roles, status Status, passwordHash string, createdAt, updatedAt time.Time) *User {
	return &User{
		id: id, email: email, displayName: displayName, roles: roles, status: status,
		passwordHash: passwordHash, createdAt: createdAt.UTC(), updatedAt: updatedAt.UTC(),
	}
}

// ID returns the user's id.
func (u *User) ID() ID { return u.id }

// Email returns the normalised email address.
func (u *User) Email() Email { return u.email }

// DisplayName returns the name shown to others.
func (u *User) DisplayName() string { return u.displayName }

// Roles returns the user's roles.
func (u *User) Roles() Roles { return u.roles }

// Status returns whether the user may sign in.
func (u *User) Status() Status { return u.status }

// Active reports whether the user may sign in.
func (u *User) Active() bool { return u.status == StatusActive }

// PasswordHash returns the stored hash, for the hasher and the repository
// only; it never leaves the service.
func (u *User) PasswordHash() string { return u.passwordHash }

// CreatedAt returns when the user registered.
func (u *User) CreatedAt() time.Time { return u.createdAt }

// UpdatedAt returns when the user last changed.
func (u *User) UpdatedAt() time.Time { return u.updatedAt }

// ChangePasswordHash stores a new hash of the same password, made when the
// hashing parameters changed since the old one was made.
func (u *User) ChangePasswordHash(hash string, now time.Time) {
	u.passwordHash = hash
	u.updatedAt = now.UTC()
}

// ChangePassword stores the hash of a new password the user chose and
// records it: everyone holding a session of the user's must sign in again.
func (u *User) ChangePassword(hash string, now time.Time) {
	u.passwordHash = hash
	u.updatedAt = now.UTC()
	u.record(PasswordChanged{UserID: u.id, At: u.updatedAt})
}

// SetRoles replaces the user's roles; by is the admin doing it. An admin
// cannot drop their own admin role, so the platform keeps an administrator.
// Setting the roles the user already has changes nothing.
func (u *User) SetRoles(roles Roles, by ID, now time.Time) error {
	roles, err := NewRoles(roles...)
	if err != nil {
		return err
	}
	if by == u.id && u.roles.Has(RoleAdmin) && !roles.Has(RoleAdmin) {
		return ErrSelfDemotion
	}
	if roles.Equal(u.roles) {
		return nil
	}
	previous := u.roles
	u.roles = roles
	u.updatedAt = now.UTC()
	u.record(RolesChanged{UserID: u.id, Roles: roles, Previous: previous, By: by, At: u.updatedAt})
	return nil
}

// Disable stops the user from signing in; by is the admin doing it. Disabling
// a disabled user changes nothing.
func (u *User) Disable(by ID, now time.Time) error {
	if by == u.id {
		return ErrSelfDisable
	}
	if u.status == StatusDisabled {
		return nil
	}
	u.status = StatusDisabled
	u.updatedAt = now.UTC()
	u.record(Disabled{UserID: u.id, By: by, At: u.updatedAt})
	return nil
}

// Enable lets a disabled user sign in again; enabling an active user changes
// nothing.
func (u *User) Enable(by ID, now time.Time) {
	if u.status == StatusActive {
		return
	}
	u.status = StatusActive
	u.updatedAt = now.UTC()
	u.record(Enabled{UserID: u.id, By: by, At: u.updatedAt})
}

// Events returns the events recorded since the user was loaded or created.
func (u *User) Events() []Event { return u.events }

func (u *User) record(e Event) { u.events = append(u.events, e) }

func normaliseDisplayName(s string) (string, error) {
	if err := CheckText("display_name", s); err != nil {
		return "", err
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || utf8.RuneCountInString(s) > maxDisplayNameLength {
		return "", ErrInvalidDisplayName
	}
	// Tabs and line breaks were folded into spaces above; any other control
	// character would only garble the rosters that show the name.
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", ErrInvalidDisplayName.With("reason", "contains a control character")
	}
	return s, nil
}
