package user

import (
	"strings"

	"lms/shared/errs"
)

// ErrInvalidID is a user id that is not a UUID; no user can have it.
var ErrInvalidID = errs.New(errs.InvalidArgument, "invalid-user-id", "the user id must be a UUID").With("field", "user_id")

// ParseID validates a user id given by a caller: a UUID in its canonical
// 8-4-4-4-12 hexadecimal form, returned lower-cased as ids are stored.
func ParseID(s string) (ID, error) {
	if len(s) != 36 {
		return "", ErrInvalidID
	}
	for i := range len(s) {
		c := s[i]
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return "", ErrInvalidID
			}
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return "", ErrInvalidID
		}
	}
	return ID(strings.ToLower(s)), nil
}
