package user

import (
	"net/mail"
	"strings"
)

// maxEmailLength is the longest address SMTP can carry (RFC 5321).
const maxEmailLength = 254

// Email is a normalised email address: trimmed and lower-cased, so that two
// spellings of one address are one account.
type Email string

// ParseEmail validates and normalises s. Only a bare address is accepted, not
// a display-name form such as "Ann <ann@example.com>".
func ParseEmail(s string) (Email, error) {
	if err := CheckText("email", s); err != nil {
		return "", err
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxEmailLength {
		return "", ErrInvalidEmail
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return "", ErrInvalidEmail
	}
	if _, domain, _ := strings.Cut(s, "@"); !strings.Contains(domain, ".") && domain != "localhost" {
		return "", ErrInvalidEmail
	}
	return Email(s), nil
}

// String returns the address.
func (e Email) String() string { return string(e) }
