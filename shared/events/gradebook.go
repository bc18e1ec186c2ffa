package events

import "time"

// TypeFinalGradeChanged is the type of a change of a student's final grade
// in a course's gradebook (a released or regraded attempt, a manual grade, an override, an
// excused item, a change of the categories or weights). Produced by course
// on TopicCourse, keyed by course id, once per change.
const TypeFinalGradeChanged = "lms.course.final_grade.changed.v1"

// FinalGradeChanged is the data of TypeFinalGradeChanged. Version counts the
// changes of the student's final grade in the course (1 for the first): a
// reader keeps the highest version it has seen and ignores older or
// repeated ones.
type FinalGradeChanged struct {
	CourseID     string `json:"course_id"`
	StudentID    string `json:"student_id"`
	EnrollmentID string `json:"enrollment_id"`
	// FinalGrade is the percentage now, null when nothing counts yet.
	FinalGrade *float64 `json:"final_grade"`
	// Previous is the percentage before, null when there was none.
	Previous       *float64 `json:"previous_final_grade"`
	Letter         string   `json:"letter"`
	PreviousLetter string   `json:"previous_letter"`
	// Overridden says FinalGrade is a teacher's override of the computed grade.
	Overridden bool  `json:"overridden"`
	Version    int64 `json:"version"`
	// Cause is what changed: attempt_graded, manual_grade, item_override,
	// final_override, excused, setup or import.
	Cause     string    `json:"cause"`
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
}
