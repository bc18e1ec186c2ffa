package user

import (
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

// ErrInvalidText is text that no field may hold: bytes that are not UTF-8, or
// a NUL character, which PostgreSQL cannot store and no person types.
var ErrInvalidText = errs.New(errs.InvalidArgument, "invalid-text", "the text must be valid UTF-8 without NUL characters")

// CheckText refuses s when it is not text any field may hold, naming field.
func CheckText(field, s string) error {
	if !utf8.ValidString(s) {
		return ErrInvalidText.With("field", field).With("reason", "not valid UTF-8")
	}
	if strings.ContainsRune(s, 0) {
		return ErrInvalidText.With("field", field).With("reason", "contains a NUL character")
	}
	return nil
}
