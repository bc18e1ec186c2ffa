package exam

import (
	"slices"
	"time"
)

// Snapshot is a test's whole state, for repositories to store and load.
type Snapshot struct {
	ID          string
	CourseID    string
	AuthorID    string
	Versions    []Version
	Published   bool
	PublishedAt time.Time
	ReleasedAt  time.Time
	DeletedAt   time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Regrades    []Regrade
}

// Snapshot returns the test's state.
func (t *Test) Snapshot() Snapshot {
	return Snapshot{
		ID: t.id, CourseID: t.courseID, AuthorID: t.authorID, Versions: slices.Clone(t.versions),
		Published: t.published, PublishedAt: t.publishedAt, ReleasedAt: t.releasedAt, DeletedAt: t.deletedAt,
		CreatedAt: t.createdAt, UpdatedAt: t.updatedAt, Regrades: slices.Clone(t.regrades),
	}
}

// Rehydrate rebuilds a stored test without validating it again: what was
// valid when it was saved stays loadable when the rules tighten.
func Rehydrate(s Snapshot) *Test {
	versions := slices.Clone(s.Versions)
	slices.SortFunc(versions, func(a, b Version) int { return a.Number - b.Number })
	if len(versions) == 0 {
		versions = []Version{{Number: 1, CreatedAt: s.CreatedAt}}
	}
	return &Test{
		id: s.ID, courseID: s.CourseID, authorID: s.AuthorID, versions: versions,
		published: s.Published, publishedAt: s.PublishedAt, releasedAt: s.ReleasedAt, deletedAt: s.DeletedAt,
		createdAt: s.CreatedAt, updatedAt: s.UpdatedAt, regrades: slices.Clone(s.Regrades),
	}
}
