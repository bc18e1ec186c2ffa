package session

import "time"

// Provider is an OpenID Connect provider people may sign in through.
type Provider struct {
	ID   string
	Name string
}

// ExternalStart is a sign-in begun at a provider: where to send the person
// and the state the callback must bring back from the same browser.
type ExternalStart struct {
	AuthURL   string
	State     string
	ExpiresAt time.Time
}

// ExternalCallback is what a provider sent back to the callback.
type ExternalCallback struct {
	Provider string
	State    string
	Code     string
	Error    string
}

// ExternalDone is a finished sign-in: a one-time code the client exchanges
// for tokens, and where to send the person with it (empty: answer it).
type ExternalDone struct {
	Code      string
	ExpiresAt time.Time
	ReturnTo  string
}

// Identity is an account at a provider linked to the caller's.
type Identity struct {
	ID           string
	Provider     string
	Issuer       string
	Subject      string
	Email        string
	LinkedAt     time.Time
	LastSignInAt time.Time
}
