package course

import (
	"time"

	"lms/shared/caller"
)

// Status is where a course is in its life.
type Status string

// The statuses of a course: a draft is seen only by its teachers, a published
// course by everyone, an archived one is read-only and takes no enrollments.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Course is the aggregate teachers build and students enroll in.
type Course struct {
	id          string
	ownerID     string
	details     Details
	status      Status
	lessons     []Lesson // kept in position order
	createdAt   time.Time
	updatedAt   time.Time
	publishedAt time.Time
	archivedAt  time.Time
	// staff are the members besides the owner, ordered by user id.
	staff        []Member
	staffVersion int64
	admission    Admission
	events       []Event
}

// New returns a draft course owned by ownerID; d.CoTeachers become its
// first co-teachers, added by the owner.
func New(id, ownerID string, d Details, now time.Time) (*Course, error) {
	d, err := d.normalized(id, ownerID)
	if err != nil {
		return nil, err
	}
	if err := d.Window.closingAfter(now); err != nil {
		return nil, err
	}
	now = now.UTC()
	coTeachers := d.CoTeachers
	d.CoTeachers = nil
	c := &Course{id: id, ownerID: ownerID, details: d, status: StatusDraft, createdAt: now, updatedAt: now, admission: DefaultAdmission}
	owner := caller.Caller{UserID: ownerID, Roles: []string{RoleTeacher}}
	for _, userID := range coTeachers {
		if _, err := c.AddStaff(owner, userID, StaffCoTeacher, now); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ID returns the course's id.
func (c *Course) ID() string { return c.id }

// OwnerID returns the id of the teacher who owns the course.
func (c *Course) OwnerID() string { return c.ownerID }

// Details returns what the teachers wrote, with the current co-teachers.
func (c *Course) Details() Details {
	d := c.details
	d.CoTeachers = c.CoTeachers()
	return d
}

// Status returns the course's status.
func (c *Course) Status() Status { return c.status }

// Edit replaces the course's details; an archived course is read-only.
// d.CoTeachers may only repeat the current co-teachers (see CheckCoTeachers).
func (c *Course) Edit(d Details, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	if err := c.CheckCoTeachers(d.CoTeachers); err != nil {
		return err
	}
	d.CoTeachers = nil
	d, err := d.normalized(c.id, c.ownerID)
	if err != nil {
		return err
	}
	// A close date that passed may stay as it is; a new one must lie ahead.
	if !d.Window.Closes.Truncate(time.Microsecond).Equal(c.details.Window.Closes.Truncate(time.Microsecond)) {
		if err := d.Window.closingAfter(now); err != nil {
			return err
		}
	}
	c.details = d
	c.updatedAt = now.UTC()
	return nil
}

// Publish opens a draft course to students.
func (c *Course) Publish(now time.Time) error {
	if c.status != StatusDraft {
		return ErrNotDraft.With("status", string(c.status))
	}
	now = now.UTC()
	c.status, c.publishedAt, c.updatedAt = StatusPublished, now, now
	c.events = append(c.events, Published{CourseID: c.id, Title: c.details.Title, TeacherID: c.ownerID, Capacity: c.details.Capacity, At: now})
	return nil
}

// Archive closes the course for good; by is the user who archived it.
func (c *Course) Archive(by string, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	now = now.UTC()
	c.status, c.archivedAt, c.updatedAt = StatusArchived, now, now
	c.events = append(c.events, Archived{CourseID: c.id, By: by, At: now})
	return nil
}

// Deletable tells whether the course may be deleted for good: only a draft,
// which no student has seen; a published course is archived instead, which
// keeps its data.
func (c *Course) Deletable() error {
	if c.status != StatusDraft {
		return ErrCourseNotDeletable.With("status", string(c.status))
	}
	return nil
}

// AcceptsEnrollments tells whether a student may ask for a seat at now: the
// course is published and its enrollment window is open. Prerequisites and
// earlier enrollments are the enrollment's rules.
func (c *Course) AcceptsEnrollments(now time.Time) error {
	if c.status != StatusPublished {
		return ErrNotPublished
	}
	return c.details.Window.Check(now)
}

// VisibleTo reports whether userID may see the course at all: its staff
// always, anyone else once it is published (or archived).
func (c *Course) VisibleTo(userID string) bool {
	return c.status != StatusDraft || c.RoleOf(userID) != ""
}

// CreatedAt returns when the course was created.
func (c *Course) CreatedAt() time.Time { return c.createdAt }

// UpdatedAt returns when the course last changed.
func (c *Course) UpdatedAt() time.Time { return c.updatedAt }

// PublishedAt returns when the course was published, or zero.
func (c *Course) PublishedAt() time.Time { return c.publishedAt }

// ArchivedAt returns when the course was archived, or zero.
func (c *Course) ArchivedAt() time.Time { return c.archivedAt }

// PopEvents returns the events recorded since the last call and forgets them.
func (c *Course) PopEvents() []Event {
	ev := c.events
	c.events = nil
	return ev
}
