package query

import (
	"context"
	"time"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
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

// ListStaffInput is what ListStaff is asked.
type ListStaffInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListStaff lists a course's staff, the owner first and then by user id, for
// its staff (observers included) and administrators.
type ListStaff struct {
	courses course.Repository
	names   names
}

// NewListStaff returns the ListStaff use case; showEmails shows students' emails to
// their teachers.
func NewListStaff(courses course.Repository, read ReadModel, showEmails bool) *ListStaff {
	return &ListStaff{courses: courses, names: names{read: read, hideEmails: !showEmails}}
}

// Handle answers the query.
func (h *ListStaff) Handle(ctx context.Context, in ListStaffInput) ([]StaffMember, error) {
	c, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.ReadAccess)
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
	people, err := h.names.of(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Person = people[out[i].UserID]
	}
	return out, nil
}
