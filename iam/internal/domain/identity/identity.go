// Package identity links people to accounts at external OpenID Connect
// providers: an identity is keyed by the provider's issuer and its subject,
// never by an email address alone, and the rules here decide whether a
// sign-in may create an account, link to an existing one or must be refused.
package identity

import (
	"time"

	"lms/iam/internal/domain/user"
)

// Key names an account at a provider: the issuer's URL and the subject the
// issuer gave the person. It never changes, whatever the person's email does.
type Key struct {
	Issuer  string
	Subject string
}

// Identity is a user's account at an external provider.
type Identity struct {
	id           string
	userID       user.ID
	provider     string
	key          Key
	email        user.Email
	linkedAt     time.Time
	lastSignInAt time.Time
}

// New links the account key at provider to userID.
func New(id string, userID user.ID, provider string, key Key, email user.Email, now time.Time) *Identity {
	now = now.UTC()
	return &Identity{id: id, userID: userID, provider: provider, key: key, email: email, linkedAt: now, lastSignInAt: now}
}

// Rehydrate rebuilds a stored identity; only repositories call it.
func Rehydrate(id string, userID user.ID, provider string, key Key, email user.Email, linkedAt, lastSignInAt time.Time) *Identity {
	return &Identity{
		id: id, userID: userID, provider: provider, key: key, email: email,
		linkedAt: linkedAt.UTC(), lastSignInAt: lastSignInAt.UTC(),
	}
}

// ID returns the identity's id (a UUIDv7).
func (i *Identity) ID() string { return i.id }

// UserID returns the account the identity signs in to.
func (i *Identity) UserID() user.ID { return i.userID }

// Provider returns the configured provider's id (for example "google").
func (i *Identity) Provider() string { return i.provider }

// Key returns the issuer and subject.
func (i *Identity) Key() Key { return i.key }

// Email returns the address the provider gave at the last sign-in.
func (i *Identity) Email() user.Email { return i.email }

// LinkedAt returns when the identity was linked.
func (i *Identity) LinkedAt() time.Time { return i.linkedAt }

// LastSignInAt returns when the person last signed in through it.
func (i *Identity) LastSignInAt() time.Time { return i.lastSignInAt }

// SignedIn records a sign-in and the email the provider gave with it.
func (i *Identity) SignedIn(email user.Email, now time.Time) {
	if email != "" {
		i.email = email
	}
	i.lastSignInAt = now.UTC()
}

// CheckUnlink refuses to remove the last way into an account: an identity
// may go only while the user keeps a password or another identity.
func CheckUnlink(target string, all []*Identity, hasPassword bool) error {
	found := false
	for _, i := range all {
		if i.id == target {
			found = true
		}
	}
	if !found {
		return ErrNotFound
	}
	if len(all) == 1 && !hasPassword {
		return ErrLastSignIn
	}
	return nil
}
