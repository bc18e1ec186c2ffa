package session

import (
	"errors"
	"fmt"
	"strings"
)

// Page sizes of a user listing.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// UserQuery filters and pages a user listing.
type UserQuery struct {
	PageSize    int
	PageToken   string
	Role        string
	EmailPrefix string
}

// UserPage is one page of users and the token of the next, empty on the last.
type UserPage struct {
	Users         []User
	NextPageToken string
}

// Errors of the rules below; the transport reports them as invalid arguments
// naming the field.
var (
	ErrPageSize    = fmt.Errorf("page size must be between 1 and %d", MaxPageSize)
	ErrUnknownRole = errors.New("role must be one of student, teacher, admin")
	ErrNoRoles     = errors.New("at least one role is required")
)

// Normalize applies the defaults and checks the query, returning the field
// at fault with its error.
func (q UserQuery) Normalize() (UserQuery, string, error) {
	if q.PageSize == 0 {
		q.PageSize = DefaultPageSize
	}
	if q.PageSize < 1 || q.PageSize > MaxPageSize {
		return q, "page_size", ErrPageSize
	}
	if q.Role != "" && !ValidRole(q.Role) {
		return q, "role", ErrUnknownRole
	}
	q.EmailPrefix = strings.ToLower(strings.TrimSpace(q.EmailPrefix))
	return q, "", nil
}

// CheckRoles validates a set of roles to grant and returns it without
// duplicates, in a stable order.
func CheckRoles(roles []string) ([]string, error) {
	if len(roles) == 0 {
		return nil, ErrNoRoles
	}
	seen := map[string]bool{}
	for _, r := range roles {
		if !ValidRole(r) {
			return nil, ErrUnknownRole
		}
		seen[r] = true
	}
	out := make([]string, 0, len(seen))
	for _, r := range []string{RoleStudent, RoleTeacher, RoleAdmin} {
		if seen[r] {
			out = append(out, r)
		}
	}
	return out, nil
}

// ErrUserID is a user id that is not a UUID: no user has it.
var ErrUserID = errors.New("id must be a UUID such as 01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d90")

// CheckUserID reports whether id is a UUID in its 8-4-4-4-12 hexadecimal
// form, the only form iam gives ids in.
func CheckUserID(id string) error {
	if len(id) != 36 {
		return ErrUserID
	}
	for i := range len(id) {
		c := id[i]
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return ErrUserID
			}
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return ErrUserID
		}
	}
	return nil
}

// NewUser is an account an admin creates on someone's behalf.
type NewUser struct {
	Email       string
	DisplayName string
	Password    string
	Roles       []string
}

// PasswordChange is a signed-in user's current and new password.
type PasswordChange struct {
	CurrentPassword string
	NewPassword     string
}
