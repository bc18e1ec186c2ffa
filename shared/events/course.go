package events

import "time"

// SourceCourse is the CloudEvents source of events produced by the course service.
const SourceCourse = "lms/course"

// CloudEvents types about courses and lessons, produced by course on
// TopicCourse and keyed by course id.
const (
	TypeCoursePublished = "lms.course.course.published.v1"
	TypeCourseArchived  = "lms.course.course.archived.v1"
	TypeLessonPublished = "lms.course.lesson.published.v1"
)

// CoursePublished is the data of TypeCoursePublished: students can now see the
// course and enroll in it.
type CoursePublished struct {
	CourseID    string    `json:"course_id"`
	Title       string    `json:"title"`
	TeacherID   string    `json:"teacher_id"`
	Capacity    int       `json:"capacity"`
	PublishedAt time.Time `json:"published_at"`
}

// CourseArchived is the data of TypeCourseArchived: the course takes no new
// enrollments and is read-only for everyone enrolled.
type CourseArchived struct {
	CourseID   string    `json:"course_id"`
	ArchivedBy string    `json:"archived_by"`
	ArchivedAt time.Time `json:"archived_at"`
}

// LessonPublished is the data of TypeLessonPublished: enrolled students can now
// open the lesson.
type LessonPublished struct {
	CourseID    string    `json:"course_id"`
	LessonID    string    `json:"lesson_id"`
	Title       string    `json:"title"`
	Position    int       `json:"position"`
	PublishedAt time.Time `json:"published_at"`
}

// TypeCourseStaffChanged says who teaches, assists in or observes a course
// changed: a member was added, given another role or removed.
const TypeCourseStaffChanged = "lms.course.staff.changed.v1"

// Course staff roles, as TypeCourseStaffChanged names them. The owner is the
// course's teacher of record; a co-teacher may do everything the owner may
// but delete the course or transfer it and add or remove co-teachers; a
// teaching assistant grades and sees the roster and the gradebook; an
// observer only reads.
const (
	StaffOwner     = "owner"
	StaffCoTeacher = "co_teacher"
	StaffAssistant = "teaching_assistant"
	StaffObserver  = "observer"
)

// StaffMember is one member of a course's staff and their role.
type StaffMember struct {
	UserID string `json:"user_id"`
	Role   string `json:"role"`
}

// CourseStaffChanged is the data of TypeCourseStaffChanged. UserID's role
// became Role (empty when they were removed) from PreviousRole (empty when
// they were added). Staff is the whole staff after the change, the owner
// included, and Version numbers the course's staff changes from 1 upwards
// in the order they were made: a consumer keeps the staff of the highest
// version it has seen and ignores older or repeated events, so it needs no
// other ordering than Version.
type CourseStaffChanged struct {
	CourseID     string        `json:"course_id"`
	OwnerID      string        `json:"owner_id"`
	UserID       string        `json:"user_id"`
	Role         string        `json:"role"`
	PreviousRole string        `json:"previous_role"`
	Staff        []StaffMember `json:"staff"`
	Version      int64         `json:"version"`
	ChangedBy    string        `json:"changed_by"`
	ChangedAt    time.Time     `json:"changed_at"`
}
