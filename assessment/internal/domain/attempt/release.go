package attempt

import "time"

// ReleaseResults lets the student see the results of a graded attempt and
// records ResultsReleased once; it reports whether this call released them.
func (a *Attempt) ReleaseResults(now time.Time) (bool, error) {
	if a.state != StateGraded {
		return false, ErrNotGraded
	}
	if !a.releasedAt.IsZero() {
		return false, nil
	}
	a.releasedAt = now.UTC()
	a.events = append(a.events, ResultsReleased{
		AttemptID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		Score: a.score, Maximum: a.maximum, Passed: a.passed, At: a.releasedAt,
	})
	return true, nil
}
