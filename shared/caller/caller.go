// Package caller is who a request comes from, the same in every service:
// the verified user id and the roles her access token carries. It imports
// only the standard library, so a domain may use it (infra/archcheck lets a
// domain import it beside shared/errs and shared/role).
package caller

import "slices"

// Caller is the verified user behind a request.
type Caller struct {
	UserID string
	Roles  []string
}

// Has reports whether the caller holds role (one of lms/shared/role's).
func (c Caller) Has(role string) bool { return slices.Contains(c.Roles, role) }
