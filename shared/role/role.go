// Package role names the roles iam grants on the platform, as access
// tokens, events and the REST API carry them. It is the one definition of
// the names: iam's user roles, the gateway's sessions, the token checks of
// shared/auth, course's and assessment's callers all use it. It imports
// nothing, so domain packages may use it too (infra/archcheck allows it
// beside lms/shared/errs).
package role

// The roles. Every user is a student; teacher and admin are granted.
const (
	Student = "student"
	Teacher = "teacher"
	Admin   = "admin"
)

// Valid reports whether name is one of the roles.
func Valid(name string) bool {
	return name == Student || name == Teacher || name == Admin
}
