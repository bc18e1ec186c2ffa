package user

import (
	"slices"
	"strings"

	"lms/shared/role"
)

// Role is what a user may do on the platform.
type Role string

// The roles (package role names them). Every user is a student; teacher
// and admin are granted by an admin.
const (
	RoleStudent Role = role.Student
	RoleTeacher Role = role.Teacher
	RoleAdmin   Role = role.Admin
)

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if !role.Valid(name) {
		return "", ErrUnknownRole.With("role", s)
	}
	return Role(name), nil
}

// Roles is a set of roles, kept sorted and always holding RoleStudent.
type Roles []Role

// NewRoles normalises rs into a set: duplicates removed, student added,
// sorted (admin, student, teacher) so two equal sets compare equal.
func NewRoles(rs ...Role) (Roles, error) {
	out := Roles{RoleStudent}
	for _, r := range rs {
		if _, err := ParseRole(string(r)); err != nil {
			return nil, err
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Has reports whether the set holds r.
func (rs Roles) Has(r Role) bool { return slices.Contains(rs, r) }

// Equal reports whether both sets hold the same roles.
func (rs Roles) Equal(other Roles) bool { return slices.Equal(rs, other) }

// Strings returns the roles' names, as they appear in tokens and events.
func (rs Roles) Strings() []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
