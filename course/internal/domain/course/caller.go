package course

import (
	"lms/shared/caller"
	"lms/shared/errs"
	"lms/shared/role"
)

// The roles the course service distinguishes (iam's roles, as package role
// names them). They say what a person may do anywhere (create courses,
// enroll); what they may do in one course is their StaffRole there.
const (
	RoleStudent = role.Student
	RoleTeacher = role.Teacher
	RoleAdmin   = role.Admin
)

// Access is what a caller may do with one course; each level includes the
// ones below it.
type Access int

// The levels of access to a course.
const (
	// NoAccess: the course is not the caller's business (a published course
	// is still in the catalogue for everyone).
	NoAccess Access = iota
	// ReadAccess (observers): the course, draft or not, and every lesson.
	ReadAccess
	// GradeAccess (teaching assistants): also the roster and the gradebook.
	GradeAccess
	// EditAccess (co-teachers): also content, settings and the staff but
	// co-teachers.
	EditAccess
	// OwnerAccess (the owner, administrators): also deleting the course and
	// adding or removing co-teachers.
	OwnerAccess
)

// AccessOf returns what a may do with the course: administrators may do
// everything, staff what their role allows, anyone else nothing.
func (c *Course) AccessOf(a caller.Caller) Access {
	if a.Has(RoleAdmin) {
		return OwnerAccess
	}
	switch c.RoleOf(a.UserID) {
	case StaffOwner:
		return OwnerAccess
	case StaffCoTeacher:
		return EditAccess
	case StaffAssistant:
		return GradeAccess
	case StaffObserver:
		return ReadAccess
	}
	return NoAccess
}

// Require answers nil when a may act on the course with need access. A
// member of its staff with less access, who sees the course, gets
// ErrForbidden; so does a caller without a teaching role, who learns nothing
// about any course this way; any other caller gets ErrNotFound, so course
// ids reveal nothing to other teachers.
func (c *Course) Require(a caller.Caller, need Access) error {
	got := c.AccessOf(a)
	switch {
	case got >= need:
		return nil
	case got >= ReadAccess || !a.Has(RoleTeacher):
		return errs.ErrForbidden
	}
	return ErrNotFound
}
