package course

import (
	"slices"
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
}

// Snapshot returns the course's state.
func (c *Course) Snapshot() Snapshot {
	return Snapshot{
		ID: c.id, OwnerID: c.ownerID, Details: c.details, Status: c.status,
		Lessons: slices.Clone(c.lessons), CreatedAt: c.createdAt, UpdatedAt: c.updatedAt,
		PublishedAt: c.publishedAt, ArchivedAt: c.archivedAt,
	}
}

// Rehydrate rebuilds a stored course without validating it again: what was
// valid when it was saved stays loadable when the rules tighten.
func Rehydrate(s Snapshot) *Course {
	lessons := slices.Clone(s.Lessons)
	slices.SortFunc(lessons, func(a, b Lesson) int { return a.Position - b.Position })
	return &Course{
		id: s.ID, ownerID: s.OwnerID, details: s.Details, status: s.Status, lessons: lessons,
		createdAt: s.CreatedAt, updatedAt: s.UpdatedAt, publishedAt: s.PublishedAt, archivedAt: s.ArchivedAt,
	}
}
