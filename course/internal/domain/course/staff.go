package course

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lms/shared/caller"
)

// StaffRole is a person's part in teaching one course. The same person may
// hold a role in one course and be a student in another.
type StaffRole string

// The staff roles, from the most rights to the fewest.
const (
	// StaffOwner is the course's teacher of record, who created it.
	StaffOwner StaffRole = "owner"
	// StaffCoTeacher may do everything the owner may but delete the course
	// and add or remove co-teachers.
	StaffCoTeacher StaffRole = "co_teacher"
	// StaffAssistant grades and sees the roster and the gradebook; it edits
	// neither content nor settings.
	StaffAssistant StaffRole = "teaching_assistant"
	// StaffObserver reads the course (drafts and lessons included) and
	// changes nothing.
	StaffObserver StaffRole = "observer"
)

// Valid reports whether r is a role a member can be given (every role but
// the owner's, which comes with the course).
func (r StaffRole) Valid() bool {
	return r == StaffCoTeacher || r == StaffAssistant || r == StaffObserver
}

// Member is one person on a course's staff besides its owner.
type Member struct {
	UserID  string
	Role    StaffRole
	AddedBy string
	AddedAt time.Time
}

// MaxStaff bounds the members of one course's staff besides its owner.
const MaxStaff = 100

// Staff returns the course's members besides its owner, ordered by user id.
func (c *Course) Staff() []Member { return slices.Clone(c.staff) }

// StaffVersion counts the course's staff changes; each change's event
// carries it, so readers keep the latest staff whatever the delivery order.
func (c *Course) StaffVersion() int64 { return c.staffVersion }

// RoleOf returns userID's role in the course, or "" when they have none.
func (c *Course) RoleOf(userID string) StaffRole {
	if userID == "" {
		return ""
	}
	if userID == c.ownerID {
		return StaffOwner
	}
	if i, ok := c.member(userID); ok {
		return c.staff[i].Role
	}
	return ""
}

// CoTeachers returns the ids of the course's co-teachers, sorted.
func (c *Course) CoTeachers() []string {
	var out []string
	for _, m := range c.staff {
		if m.Role == StaffCoTeacher {
			out = append(out, m.UserID)
		}
	}
	return out
}

// AddStaff gives userID a role in the course; by decided it. Co-teachers are
// added by the owner (or an administrator) only.
func (c *Course) AddStaff(by caller.Caller, userID string, role StaffRole, now time.Time) (Member, error) {
	userID = strings.TrimSpace(userID)
	if err := c.checkChange(by, userID, role); err != nil {
		return Member{}, err
	}
	if _, ok := c.member(userID); ok {
		return Member{}, ErrStaffMemberExists
	}
	if len(c.staff) >= MaxStaff {
		return Member{}, ErrTooManyStaff
	}
	m := Member{UserID: userID, Role: role, AddedBy: by.UserID, AddedAt: now.UTC()}
	c.staff = append(c.staff, m)
	slices.SortFunc(c.staff, func(a, b Member) int { return strings.Compare(a.UserID, b.UserID) })
	c.staffChanged(by, userID, role, "", now)
	return m, nil
}

// ChangeStaffRole gives a member another role. Making someone a co-teacher,
// or a co-teacher something else, is the owner's (or an administrator's).
// Asking for the role the member holds changes nothing and announces nothing.
func (c *Course) ChangeStaffRole(by caller.Caller, userID string, role StaffRole, now time.Time) (Member, error) {
	if err := c.checkChange(by, userID, role); err != nil {
		return Member{}, err
	}
	i, ok := c.member(userID)
	if !ok {
		return Member{}, ErrStaffMemberNotFound
	}
	previous := c.staff[i].Role
	if previous == role {
		return c.staff[i], nil
	}
	if previous == StaffCoTeacher && c.AccessOf(by) < OwnerAccess {
		return Member{}, ErrCoTeachersOwnerOnly
	}
	c.staff[i].Role = role
	c.staffChanged(by, userID, role, previous, now)
	return c.staff[i], nil
}

// RemoveStaff takes userID off the staff; only the owner (or an
// administrator) removes a co-teacher, and nobody removes the owner.
func (c *Course) RemoveStaff(by caller.Caller, userID string, now time.Time) error {
	if userID == c.ownerID {
		return ErrOwnerRoleFixed
	}
	i, ok := c.member(userID)
	if !ok {
		return ErrStaffMemberNotFound
	}
	previous := c.staff[i].Role
	if previous == StaffCoTeacher && c.AccessOf(by) < OwnerAccess {
		return ErrCoTeachersOwnerOnly
	}
	c.staff = slices.Delete(c.staff, i, i+1)
	c.staffChanged(by, userID, "", previous, now)
	return nil
}

// CheckCoTeachers accepts a course edit's co-teachers only when they are the
// current ones (or not given): co-teachers are staff, changed one at a time
// through AddStaff, ChangeStaffRole and RemoveStaff, each announced.
func (c *Course) CheckCoTeachers(ids []string) error {
	if ids == nil {
		return nil
	}
	current := c.CoTeachers()
	if !slices.Equal(normalizedIDs(ids), normalizedIDs(current)) {
		return ErrCoTeachersAreStaff
	}
	return nil
}

func normalizedIDs(in []string) []string {
	out := ids(in)
	if len(out) == 0 {
		return nil
	}
	return out
}

// checkChange applies the rules every staff change shares.
func (c *Course) checkChange(by caller.Caller, userID string, role StaffRole) error {
	if userID == "" || utf8.RuneCountInString(userID) > 200 {
		return ErrInvalidStaffMember
	}
	if err := text("user_id", userID); err != nil {
		return err
	}
	if !role.Valid() {
		return ErrInvalidStaffRole
	}
	if userID == c.ownerID {
		return ErrOwnerRoleFixed
	}
	if role == StaffCoTeacher && c.AccessOf(by) < OwnerAccess {
		return ErrCoTeachersOwnerOnly
	}
	return nil
}

func (c *Course) member(userID string) (int, bool) {
	return slices.BinarySearchFunc(c.staff, userID, func(m Member, id string) int { return strings.Compare(m.UserID, id) })
}

func (c *Course) staffChanged(by caller.Caller, userID string, role, previous StaffRole, now time.Time) {
	now = now.UTC()
	c.staffVersion++
	c.updatedAt = now
	staff := make([]Member, 0, len(c.staff)+1)
	staff = append(staff, Member{UserID: c.ownerID, Role: StaffOwner})
	staff = append(staff, c.staff...)
	c.events = append(c.events, StaffChanged{
		CourseID: c.id, OwnerID: c.ownerID, UserID: userID, Role: role, Previous: previous,
		Staff: staff, Version: c.staffVersion, By: by.UserID, At: now,
	})
}
