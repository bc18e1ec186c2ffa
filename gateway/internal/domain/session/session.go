// Package session holds the gateway's view of identity: the users iam
// answers about, the sessions (token pairs) it hands out, and the rules the
// gateway checks before asking iam anything. It imports the standard library
// and the role names (lms/shared/role) only.
package session

import (
	"time"

	"lms/shared/role"
)

// The roles iam grants, as they appear in tokens and in the REST API
// (package role names them).
const (
	RoleStudent = role.Student
	RoleTeacher = role.Teacher
	RoleAdmin   = role.Admin
)

// The statuses of a user.
const (
	StatusActive   = "active"
	StatusDisabled = "disabled"
)

// ValidRole reports whether r is one of the roles iam knows.
func ValidRole(r string) bool { return role.Valid(r) }

// User is an account as the REST API shows it; it never carries a password
// or anything derived from one.
type User struct {
	ID          string
	Email       string
	DisplayName string
	Roles       []string
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Session is what a sign-in or a refresh returns: a short-lived access token
// and the refresh token that renews it.
type Session struct {
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
	User             User
}

// Registration is a new student's details.
type Registration struct {
	Email       string
	DisplayName string
	Password    string
}

// Credentials are what a caller signs in with, and the address they came
// from (iam throttles failures per account and per address).
type Credentials struct {
	Email         string
	Password      string
	ClientAddress string
}
