package course

import "time"

// Event is something that happened to a course; the repository publishes it
// through the outbox in the same transaction as the change.
type Event interface{ isCourseEvent() }

// Published says students can now find the course and enroll.
type Published struct {
	CourseID  string
	Title     string
	TeacherID string
	Capacity  int
	At        time.Time
}

// Archived says the course takes no new enrollments and is read-only.
type Archived struct {
	CourseID string
	By       string
	At       time.Time
}

// LessonPublished says enrolled students can now open the lesson.
type LessonPublished struct {
	CourseID string
	LessonID string
	Title    string
	Position int
	At       time.Time
}

// StaffChanged says UserID's role became Role ("" when removed) from
// Previous ("" when added). Staff is the whole staff after the change, the
// owner first; Version numbers the course's staff changes.
type StaffChanged struct {
	CourseID string
	OwnerID  string
	UserID   string
	Role     StaffRole
	Previous StaffRole
	Staff    []Member
	Version  int64
	By       string
	At       time.Time
}

func (StaffChanged) isCourseEvent()    {}
func (Published) isCourseEvent()       {}
func (Archived) isCourseEvent()        {}
func (LessonPublished) isCourseEvent() {}
