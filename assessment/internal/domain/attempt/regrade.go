package attempt

import (
	"time"

	"lms/assessment/internal/domain/exam"
)

// Regrade is one score a teacher changed after the attempt was graded.
type Regrade struct {
	QuestionID      string
	Previous, Score float64
	Feedback        string
	By, Reason      string
	At              time.Time
}

// regrade applies a teacher's corrections to a graded attempt. Grades equal
// to what is recorded change nothing, so repeating a regrade records it once.
func (a *Attempt) regrade(v exam.Version, grades []ManualGrade, teacherID, reason string, now time.Time) error {
	changed := false
	for _, g := range grades {
		r := a.results[g.QuestionID]
		if r.Manual != nil && *r.Manual == g.Score && r.Feedback == g.Feedback {
			continue
		}
		a.regrades = append(a.regrades, Regrade{
			QuestionID: g.QuestionID, Previous: r.Score(), Score: g.Score, Feedback: g.Feedback,
			By: teacherID, Reason: reason, At: now,
		})
		a.setManual(g, teacherID, now)
		changed = true
	}
	if !changed {
		return nil
	}
	a.total(v)
	a.gradedBy, a.gradedAt = teacherID, now
	a.recordGraded(reason)
	return nil
}
