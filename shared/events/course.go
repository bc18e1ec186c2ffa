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
