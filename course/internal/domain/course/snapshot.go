package course

import (
	"slices"
	"strings"
	"time"
)

// Snapshot is a course's whole state, for repositories to store and load.
type Snapshot struct {
	ID          string
	OwnerID     string
	Details     Details
	Status      Status
	Lessons     []Lesson
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time
	ArchivedAt  time.Time
	// Staff are the members besides the owner; StaffVersion counts the
	// staff changes.
	Staff        []Member
	StaffVersion int64
	// Admission is how the course admits students; zero means
	// DefaultAdmission.
	Admission Admission
}

// Snapshot returns the course's state.
func (c *Course) Snapshot() Snapshot {
	return Snapshot{
		ID: c.id, OwnerID: c.ownerID, Details: c.details, Status: c.status,
		Lessons: slices.Clone(c.lessons), CreatedAt: c.createdAt, UpdatedAt: c.updatedAt,
		PublishedAt: c.publishedAt, ArchivedAt: c.archivedAt,
		Staff: slices.Clone(c.staff), StaffVersion: c.staffVersion, Admission: c.admission,
	}
}

// Rehydrate rebuilds a stored course without validating it again: what was
// valid when it was saved stays loadable when the rules tighten.
func Rehydrate(s Snapshot) *Course {
	lessons := slices.Clone(s.Lessons)
	slices.SortFunc(lessons, func(a, b Lesson) int { return a.Position - b.Position })
	staff := slices.Clone(s.Staff)
	slices.SortFunc(staff, func(a, b Member) int { return strings.Compare(a.UserID, b.UserID) })
	d := s.Details
	d.CoTeachers = nil
	admission := s.Admission
	if admission == (Admission{}) {
		admission = DefaultAdmission
	}
	return &Course{admission: admission,
		id: s.ID, ownerID: s.OwnerID, details: d, status: s.Status, lessons: lessons,
		createdAt: s.CreatedAt, updatedAt: s.UpdatedAt, publishedAt: s.PublishedAt, archivedAt: s.ArchivedAt,
		staff: staff, staffVersion: s.StaffVersion,
	}
}
