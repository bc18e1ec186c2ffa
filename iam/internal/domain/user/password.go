package user

import (
	"strings"
	"unicode/utf8"
)

// Password length limits, following OWASP's Authentication Cheat Sheet: at
// least 12 characters, no composition rules, and an upper bound so hashing
// cannot be turned into a denial of service.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// ValidatePassword checks a new password against the policy. Existing
// passwords are never re-checked: a policy change must not lock anyone out.
func ValidatePassword(pw string) error {
	if err := CheckText("password", pw); err != nil {
		return err
	}
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return ErrWeakPassword.With("reason", "shorter than 12 characters")
	case n > MaxPasswordLength:
		return ErrWeakPassword.With("reason", "longer than 128 characters")
	case strings.TrimSpace(pw) == "":
		return ErrWeakPassword.With("reason", "only spaces")
	}
	return nil
}
