package exam

import (
	"slices"
	"time"
)

// Version is one version of a test's content. Attempts keep the version they
// started on; once one has, the version never changes again.
type Version struct {
	Number    int
	Content   Content
	InUse     bool
	CreatedAt time.Time
}

// Test is the aggregate teachers write and students take. Its last version is
// the current one: the one new attempts start on.
type Test struct {
	id          string
	courseID    string
	authorID    string
	versions    []Version
	published   bool
	publishedAt time.Time
	releasedAt  time.Time
	deletedAt   time.Time
	createdAt   time.Time
	updatedAt   time.Time
	regrades    []Regrade
	events      []Event
}

// New returns an unpublished test of courseID written by authorID.
func New(id, courseID, authorID string, c Content, now time.Time) (*Test, error) {
	c = c.normalized()
	if err := c.validate(); err != nil {
		return nil, err
	}
	if err := c.Settings.checkSchedule(Settings{}, now); err != nil {
		return nil, err
	}
	now = now.UTC()
	return &Test{
		id: id, courseID: courseID, authorID: authorID,
		versions:  []Version{{Number: 1, Content: c, CreatedAt: now}},
		createdAt: now, updatedAt: now,
	}, nil
}

// ID returns the test's id.
func (t *Test) ID() string { return t.id }

// CourseID returns the id of the course the test belongs to.
func (t *Test) CourseID() string { return t.courseID }

// AuthorID returns the id of the teacher who created the test.
func (t *Test) AuthorID() string { return t.authorID }

// Published reports whether students can see the test.
func (t *Test) Published() bool { return t.published }

// PublishedAt returns when the test was published, or zero.
func (t *Test) PublishedAt() time.Time { return t.publishedAt }

// ReleasedAt returns when a teacher released the results, or zero.
func (t *Test) ReleasedAt() time.Time { return t.releasedAt }

// CreatedAt returns when the test was created.
func (t *Test) CreatedAt() time.Time { return t.createdAt }

// UpdatedAt returns when the test last changed.
func (t *Test) UpdatedAt() time.Time { return t.updatedAt }

// Current returns the version new attempts start on.
func (t *Test) Current() Version { return t.versions[len(t.versions)-1] }

// Version returns the version numbered n.
func (t *Test) Version(n int) (Version, error) {
	i := slices.IndexFunc(t.versions, func(v Version) bool { return v.Number == n })
	if i < 0 {
		return Version{}, ErrUnknownVersion
	}
	return t.versions[i], nil
}

// Versions returns every version, oldest first.
func (t *Test) Versions() []Version { return slices.Clone(t.versions) }

// Edit replaces the test's content. A version attempts have started on is
// never changed: the edit becomes a new version and those attempts keep theirs.
func (t *Test) Edit(c Content, now time.Time) error {
	c = c.normalized()
	if err := c.validate(); err != nil {
		return err
	}
	if t.published && c.Size() == 0 {
		return ErrNoQuestions
	}
	if err := c.Settings.checkSchedule(t.Current().Content.Settings, now); err != nil {
		return err
	}
	now = now.UTC()
	cur := &t.versions[len(t.versions)-1]
	if cur.InUse {
		t.versions = append(t.versions, Version{Number: cur.Number + 1, Content: c, CreatedAt: now})
	} else {
		cur.Content = c
	}
	t.updatedAt = now
	if t.published {
		// Readers of the published numbers (the course's gradebook) learn the
		// new maximum and passing score.
		t.record(now)
	}
	return nil
}

// Publish opens the test to the course's students.
func (t *Test) Publish(now time.Time) error {
	if t.published {
		return ErrAlreadyPublished
	}
	if t.Current().Content.Size() == 0 {
		return ErrNoQuestions
	}
	now = now.UTC()
	t.published, t.publishedAt, t.updatedAt = true, now, now
	t.record(now)
	return nil
}

// ReleaseResults shows graded results to students of a test whose results wait
// for a manual release; releasing twice changes nothing.
func (t *Test) ReleaseResults(now time.Time) error {
	if !t.published {
		return ErrNotPublished
	}
	if t.Current().Content.Settings.Results != ResultsOnRelease {
		return ErrResultsNotManual
	}
	if t.releasedAt.IsZero() {
		now = now.UTC()
		t.releasedAt, t.updatedAt = now, now
		t.events = append(t.events, ResultsReleased{TestID: t.id, CourseID: t.courseID, At: now})
	}
	return nil
}

// CheckStart tells whether a student may start an attempt at now: the test is
// published and its current version is open.
func (t *Test) CheckStart(now time.Time) error {
	return t.CheckStartUnder(t.Current().Content.Settings, now)
}

// CheckStartUnder is CheckStart under settings s, the current version's as
// they hold for one student (her accommodation applied).
func (t *Test) CheckStartUnder(s Settings, now time.Time) error {
	if !t.published {
		return ErrNotPublished
	}
	return s.CheckStart(now)
}

// ResultsVisible reports whether students may see graded results at now,
// under the current version's rule.
func (t *Test) ResultsVisible(now time.Time) bool {
	s := t.Current().Content.Settings
	switch s.Results {
	case ResultsAfterClose:
		// Shown once the last attempt can have ended, so no student still
		// working sees another's results.
		end := s.lastDeadline()
		return end.IsZero() || !now.Before(end)
	case ResultsOnRelease:
		return !t.releasedAt.IsZero()
	default:
		return true
	}
}

func (t *Test) record(now time.Time) {
	c := t.Current().Content
	t.events = append(t.events, Published{
		TestID: t.id, CourseID: t.courseID, Version: t.Current().Number, Title: c.Settings.Title,
		TimeLimit: c.Settings.TimeLimit, MaxScore: c.MaxScore(), PassingScore: c.Settings.PassingScore,
		Opens: c.Settings.Opens, Closes: c.Settings.Closes, At: now,
	})
}

// PopEvents returns the events recorded since the last call and forgets them.
func (t *Test) PopEvents() []Event {
	ev := t.events
	t.events = nil
	return ev
}
