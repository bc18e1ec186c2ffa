package attempt

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"lms/assessment/internal/domain/exam"
)

// Result is how one answer was graded.
type Result struct {
	Max     float64
	Auto    float64 // the automatic score; 0 for an essay
	Correct bool    // the automatic score is Max
	// Essay is true when the question needs a teacher.
	Essay bool
	// Manual is a teacher's score, which replaces Auto; nil until given.
	Manual   *float64
	Feedback string // the teacher's feedback
	GradedBy string
	GradedAt time.Time
}

// Score returns the points the answer earned: the teacher's score if there is
// one, the automatic score otherwise.
func (r Result) Score() float64 {
	if r.Manual != nil {
		return *r.Manual
	}
	return r.Auto
}

// Pending reports whether the answer waits for a teacher.
func (r Result) Pending() bool { return r.Essay && r.Manual == nil }

// ManualGrade is a teacher's score and feedback for one question.
type ManualGrade struct {
	QuestionID string
	Score      float64
	Feedback   string
}

// AutoGrade grades every objective answer of a submitted attempt against v's
// key (an unanswered question scores 0) and reports whether essays wait for a
// teacher. It grades once: later calls only report.
func (a *Attempt) AutoGrade(v exam.Version) (needsReview bool, err error) {
	v, err = a.Paper(v)
	if err != nil {
		return false, err
	}
	if a.state == StateInProgress {
		return false, ErrNotSubmitted
	}
	if a.results == nil {
		a.results = make(map[string]Result, len(v.Content.Questions))
		for _, q := range v.Content.Questions {
			out := exam.Grade(q, a.answers[q.ID].Answer)
			a.results[q.ID] = Result{Max: out.Max, Auto: out.Score, Correct: out.Correct, Essay: out.Manual}
		}
		if a.pending() > 0 {
			a.state = StateNeedsReview
		}
	}
	return a.state == StateNeedsReview, nil
}

// pending counts the answers waiting for a teacher.
func (a *Attempt) pending() int {
	n := 0
	for _, r := range a.results {
		if r.Pending() {
			n++
		}
	}
	return n
}

// PendingEssays counts the essays waiting for a teacher.
func (a *Attempt) PendingEssays() int { return a.pending() }

// Grade records a teacher's scores and feedback: essays and overrides of
// automatic scores while the attempt waits for review, and corrections of
// any score once it is graded (a regrade, which needs a reason). When the
// last essay is graded the attempt records EssaysGraded so its workflow can
// finalise it; a regrade that changes a score records Graded again with the
// new total, who, when and why.
func (a *Attempt) Grade(v exam.Version, grades []ManualGrade, teacherID, reason string, now time.Time) error {
	v, err := a.Paper(v)
	if err != nil {
		return err
	}
	if a.state != StateNeedsReview && a.state != StateGraded {
		return ErrNotAwaitingReview
	}
	if err := validGrades(v, grades); err != nil {
		return err
	}
	if err := exam.CheckText("reason", reason); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if a.state == StateGraded && reason == "" {
		return ErrRegradeReason
	}
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		return exam.ErrInvalidAnswer.With("field", "reason")
	}
	now = now.UTC()
	if a.state == StateGraded {
		return a.regrade(v, grades, teacherID, reason, now)
	}
	before := a.pending()
	for _, g := range grades {
		a.setManual(g, teacherID, now)
	}
	if len(grades) > 0 {
		a.gradedBy = teacherID
	}
	if before > 0 && a.pending() == 0 {
		a.events = append(a.events, EssaysGraded{AttemptID: a.id, At: now})
	}
	return nil
}

// MaxReasonLength bounds a regrade's reason, in characters.
const MaxReasonLength = 1000

func validGrades(v exam.Version, grades []ManualGrade) error {
	for i, g := range grades {
		if err := exam.CheckText(fmt.Sprintf("grades[%d].feedback", i), g.Feedback); err != nil {
			return err
		}
		q, ok := v.Content.Question(g.QuestionID)
		if !ok {
			return exam.ErrUnknownQuestion.With("question_id", g.QuestionID)
		}
		if !exam.ValidScore(g.Score, q.Points) {
			return exam.ErrInvalidScore.With("question_id", g.QuestionID)
		}
		if utf8.RuneCountInString(g.Feedback) > exam.MaxFeedbackLength {
			return exam.ErrInvalidAnswer.With("field", "feedback")
		}
	}
	return nil
}

func (a *Attempt) setManual(g ManualGrade, teacherID string, now time.Time) {
	r := a.results[g.QuestionID]
	score := g.Score
	r.Manual, r.Feedback, r.GradedBy, r.GradedAt = &score, g.Feedback, teacherID, now
	a.results[g.QuestionID] = r
}

// Finalize computes the attempt's score (minus the late penalty when it was
// late), decides whether it passed, and records it as graded with a Graded
// event. It grades once: finalising a graded attempt changes nothing and
// reports false.
func (a *Attempt) Finalize(v exam.Version, now time.Time) (bool, error) {
	v, err := a.Paper(v)
	if err != nil {
		return false, err
	}
	if a.state == StateGraded {
		return false, nil
	}
	if _, err := a.AutoGrade(v); err != nil {
		return false, err
	}
	if a.pending() > 0 {
		return false, ErrEssaysPending
	}
	a.total(v)
	a.state, a.gradedAt = StateGraded, now.UTC()
	a.recordGraded("")
	return true, nil
}

// total computes the score from the results and whether it passes.
func (a *Attempt) total(v exam.Version) {
	scores := make([]float64, 0, len(a.results))
	for _, q := range v.Content.Questions {
		scores = append(scores, a.results[q.ID].Score())
	}
	s := v.Content.Settings
	raw := exam.Sum(scores...)
	a.penalty = 0
	if a.late {
		a.penalty = s.Penalty(raw)
	}
	a.score, a.maximum = exam.Round(raw-a.penalty), v.Content.MaxScore()
	a.passed = s.Passes(a.score)
}

func (a *Attempt) recordGraded(reason string) {
	a.events = append(a.events, Graded{
		AttemptID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		Score: a.score, Maximum: a.maximum, Passed: a.passed, GradedBy: a.gradedBy, At: a.gradedAt,
		ReleasedAt: a.releasedAt, Reason: reason,
	})
}

// Overdue levels, from mild to severe.
const (
	OverdueReminder   = "reminder"
	OverdueEscalation = "escalation"
)

// RecordOverdue notes that grading the attempt is overdue at level. It
// reports false when nothing changed: the attempt is graded already, or a
// level at least as severe was recorded.
func (a *Attempt) RecordOverdue(level string) bool {
	if a.state != StateNeedsReview || a.overdue == level || a.overdue == OverdueEscalation {
		return false
	}
	a.overdue = level
	return true
}
