package throttle

import (
	"context"
	"net/netip"
)

// Key names what is counted: an account ("account:" + normalised email, also
// for emails nobody registered, so lock-outs reveal nothing) or a client
// address ("address:" + IP).
type Key string

// AccountKey returns the key of the account with a normalised email.
func AccountKey(email string) Key { return Key("account:" + email) }

// AddressKey returns the key of a client address. IPv6 addresses count per
// /64, the block one subscriber usually holds, or a single client could
// rotate through billions of addresses.
func AddressKey(addr string) Key {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return Key("address:" + addr)
	}
	ip = ip.Unmap()
	if ip.Is6() {
		return Key("address:" + netip.PrefixFrom(ip, 64).Masked().String())
	}
	return Key("address:" + ip.String())
}

// PasswordChangeKey returns the key of the password checks a signed-in user
// makes to change their password. It is the user's own: a thief holding an
// access token can guess only within this budget, cannot lock the owner out
// of signing in, and counts against no address other clients share.
func PasswordChangeKey(userID string) Key { return Key("password-change:" + userID) }

// Repository stores counters so limits hold across restarts and replicas.
type Repository interface {
	// Update locks the key's counter (a zero Counter when there is none), lets
	// fn change it and saves it in one transaction, even when fn returns an
	// error; the error is returned.
	Update(ctx context.Context, key Key, fn func(*Counter) error) error
}
