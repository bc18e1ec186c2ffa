package postgres

import (
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/course"
)

type courseRow struct {
	bun.BaseModel `bun:"table:courses"`

	ID            string    `bun:"id,pk"`
	Code          string    `bun:"code"`
	Title         string    `bun:"title"`
	Description   string    `bun:"description"`
	OwnerID       string    `bun:"owner_id"`
	StaffVersion  int64     `bun:"staff_version"`
	Status        string    `bun:"status"`
	Capacity      int       `bun:"capacity,nullzero"`
	Enrolled      int       `bun:"enrolled,scanonly"`
	OpensAt       time.Time `bun:"opens_at,nullzero"`
	ClosesAt      time.Time `bun:"closes_at,nullzero"`
	Prerequisites []string  `bun:"prerequisites,array"`
	RequiredTests []string  `bun:"required_tests,array"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
	PublishedAt   time.Time `bun:"published_at,nullzero"`
	ArchivedAt    time.Time `bun:"archived_at,nullzero"`
	// The enrollment policy and, under approval, the delays of a pending
	// request in seconds.
	EnrollmentPolicy      string `bun:"enrollment_policy"`
	ApprovalRemindAfter   int64  `bun:"approval_remind_after"`
	ApprovalEscalateAfter int64  `bun:"approval_escalate_after"`
	ApprovalExpireAfter   int64  `bun:"approval_expire_after"`
}

type staffRow struct {
	bun.BaseModel `bun:"table:course_staff"`

	CourseID string    `bun:"course_id,pk"`
	UserID   string    `bun:"user_id,pk"`
	Role     string    `bun:"role"`
	AddedBy  string    `bun:"added_by"`
	AddedAt  time.Time `bun:"added_at"`
}

type lessonRow struct {
	bun.BaseModel `bun:"table:lessons"`

	ID          string    `bun:"id,pk"`
	CourseID    string    `bun:"course_id"`
	Title       string    `bun:"title"`
	Body        string    `bun:"body"`
	Minutes     int       `bun:"minutes"`
	Position    int       `bun:"position"`
	Published   bool      `bun:"published"`
	PublishedAt time.Time `bun:"published_at,nullzero"`
	CreatedAt   time.Time `bun:"created_at"`
	UpdatedAt   time.Time `bun:"updated_at"`
}

func courseFromDomain(c *course.Course) (courseRow, []lessonRow, []staffRow) {
	s := c.Snapshot()
	d := s.Details
	row := courseRow{
		ID: s.ID, Code: d.Code, Title: d.Title, Description: d.Description, OwnerID: s.OwnerID,
		StaffVersion: s.StaffVersion, Status: string(s.Status), Capacity: d.Capacity,
		OpensAt: d.Window.Opens, ClosesAt: d.Window.Closes,
		Prerequisites: nonNil(d.Prerequisites), RequiredTests: nonNil(d.RequiredTests),
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, PublishedAt: s.PublishedAt, ArchivedAt: s.ArchivedAt,
		EnrollmentPolicy:    string(s.Admission.Policy),
		ApprovalRemindAfter: seconds(s.Admission.RemindAfter), ApprovalEscalateAfter: seconds(s.Admission.EscalateAfter),
		ApprovalExpireAfter: seconds(s.Admission.ExpireAfter),
	}
	lessons := make([]lessonRow, len(s.Lessons))
	for i, l := range s.Lessons {
		lessons[i] = lessonRow{
			ID: l.ID, CourseID: s.ID, Title: l.Title, Body: l.Body, Minutes: l.Minutes, Position: l.Position,
			Published: l.Published, PublishedAt: l.PublishedAt, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt,
		}
	}
	staff := make([]staffRow, len(s.Staff))
	for i, m := range s.Staff {
		staff[i] = staffRow{CourseID: s.ID, UserID: m.UserID, Role: string(m.Role), AddedBy: m.AddedBy, AddedAt: m.AddedAt}
	}
	return row, lessons, staff
}

func (r courseRow) toDomain(lessons []lessonRow, staffRows []staffRow) *course.Course {
	staff := make([]course.Member, len(staffRows))
	for i, m := range staffRows {
		staff[i] = course.Member{UserID: m.UserID, Role: course.StaffRole(m.Role), AddedBy: m.AddedBy, AddedAt: utc(m.AddedAt)}
	}
	ls := make([]course.Lesson, len(lessons))
	for i, l := range lessons {
		ls[i] = course.Lesson{
			ID: l.ID, Title: l.Title, Body: l.Body, Minutes: l.Minutes, Position: l.Position,
			Published: l.Published, PublishedAt: utc(l.PublishedAt), CreatedAt: utc(l.CreatedAt), UpdatedAt: utc(l.UpdatedAt),
		}
	}
	return course.Rehydrate(course.Snapshot{
		ID: r.ID, OwnerID: r.OwnerID, Status: course.Status(r.Status), Lessons: ls,
		Details: course.Details{
			Code: r.Code, Title: r.Title, Description: r.Description, Capacity: r.Capacity,
			Window:        course.Window{Opens: utc(r.OpensAt), Closes: utc(r.ClosesAt)},
			Prerequisites: r.Prerequisites, RequiredTests: r.RequiredTests,
		},
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt), PublishedAt: utc(r.PublishedAt), ArchivedAt: utc(r.ArchivedAt),
		Staff: staff, StaffVersion: r.StaffVersion,
		Admission: course.Admission{
			Policy: course.Policy(r.EnrollmentPolicy), RemindAfter: time.Duration(r.ApprovalRemindAfter) * time.Second,
			EscalateAfter: time.Duration(r.ApprovalEscalateAfter) * time.Second, ExpireAfter: time.Duration(r.ApprovalExpireAfter) * time.Second,
		},
	})
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}
