package course

import "slices"

// The roles the course service distinguishes (iam's role names).
const (
	RoleStudent = "student"
	RoleTeacher = "teacher"
	RoleAdmin   = "admin"
)

// Caller is who asks for a change or a read: a verified user id and the roles
// their access token carries.
type Caller struct {
	UserID string
	Roles  []string
}

// Is reports whether the caller holds role.
func (a Caller) Is(role string) bool { return slices.Contains(a.Roles, role) }

// CanManage reports whether a may change the course and see its roster and
// gradebook: an administrator, or one of the course's teachers.
func (c *Course) CanManage(a Caller) bool {
	return a.Is(RoleAdmin) || c.IsTeacher(a.UserID)
}
