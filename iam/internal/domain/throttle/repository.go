package throttle

import "context"

// Key names what is counted: an account ("account:" + normalised email, also
// for emails nobody registered, so lock-outs reveal nothing) or a client
// address ("address:" + IP).
type Key string

// AccountKey returns the key of the account with a normalised email.
func AccountKey(email string) Key { return Key("account:" + email) }

// AddressKey returns the key of a client address.
func AddressKey(addr string) Key { return Key("address:" + addr) }

// Repository stores counters so limits hold across restarts and replicas.
type Repository interface {
	// Update locks the key's counter (a zero Counter when there is none), lets
	// fn change it and saves it in one transaction, even when fn returns an
	// error; the error is returned.
	Update(ctx context.Context, key Key, fn func(*Counter) error) error
}
