package access

import (
	"lms/shared/caller"
	"lms/shared/errs"
)

// ErrForbidden answers a caller whose role does not allow the operation, or
// who may see the object but not do this to it; the same slug as the other
// services.
var ErrForbidden = errs.ErrForbidden

// RequireTeacherRole answers ErrForbidden unless the caller holds the teacher
// or the admin role. It looks at nothing but the token, so it reveals
// nothing about any object: teacher operations check it first.
func RequireTeacherRole(c caller.Caller) error {
	if !c.Has(RoleTeacher) && !c.Has(RoleAdmin) {
		return ErrForbidden
	}
	return nil
}

// RequireStudentRole answers ErrForbidden unless the caller holds the
// student role: only students take tests.
func RequireStudentRole(c caller.Caller) error {
	if !c.Has(RoleStudent) {
		return ErrForbidden
	}
	return nil
}

// Refusal is the answer to a caller who may not do what they asked to an
// object: ErrForbidden when they may see the object anyway (seen), notFound
// otherwise, so an id reveals nothing to whoever cannot see it.
func Refusal(seen bool, notFound error) error {
	if seen {
		return ErrForbidden
	}
	return notFound
}

// WellFormedID reports whether id has the form of the ids the services make
// (a UUID in its canonical text form), so it may name a course assessment
// has not heard of yet.
func WellFormedID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, r := range id {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if (r < '0' || r > '9') && (r < 'a' || r > 'f') && (r < 'A' || r > 'F') {
				return false
			}
		}
	}
	return true
}
