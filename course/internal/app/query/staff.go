package query

import (
	"context"
	"time"

	"lms/course/internal/domain/course"
)

// StaffMember is one person on a course's staff as its staff sees them.
type StaffMember struct {
	UserID  string
	Role    course.StaffRole
	AddedBy string
	// AddedAt is when the course was created for its owner.
	AddedAt time.Time
	// Person is the member's name, empty until iam's report arrives.
	Person Person
}

// Staff lists a course's staff, the owner first and then by user id, for
// its staff (observers included) and administrators.
func (h Handlers) Staff(ctx context.Context, a course.Caller, courseID string) ([]StaffMember, error) {
	c, err := h.staffCourse(ctx, a, courseID, course.ReadAccess)
	if err != nil {
		return nil, err
	}
	members := c.Staff()
	out := make([]StaffMember, 0, len(members)+1)
	out = append(out, StaffMember{UserID: c.OwnerID(), Role: course.StaffOwner, AddedAt: c.CreatedAt()})
	for _, m := range members {
		out = append(out, StaffMember{UserID: m.UserID, Role: m.Role, AddedBy: m.AddedBy, AddedAt: m.AddedAt})
	}
	ids := make([]string, len(out))
	for i, m := range out {
		ids[i] = m.UserID
	}
	people, err := h.names(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Person = people[out[i].UserID]
	}
	return out, nil
}
