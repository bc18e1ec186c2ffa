package attempt

import (
	"slices"
	"time"

	"lms/assessment/internal/domain/exam"
)

// AppliedFix records that a test's regrade (a fixed question) was applied
// to the attempt, and whether it changed the attempt's score, so applying it
// again changes and counts nothing twice.
type AppliedFix struct {
	RegradeID string
	Changed   bool
}

// FixOutcome is what applying a regrade did to an attempt.
type FixOutcome struct {
	// Changed is true when the attempt's score, maximum or pass changed.
	Changed bool
	// Previous and Score are the score before and after.
	Previous, Score float64
	// Repeated is true when the regrade had been applied already.
	Repeated bool
}

// AppliedFixes lists the regrades applied to the attempt, oldest first.
func (a *Attempt) AppliedFixes() []AppliedFix { return slices.Clone(a.fixes) }

// ApplyFix applies regrade regradeID to the attempt: every automatic score
// is computed again against v (the attempt's version with the fix) and the
// most each question earns is v's. A teacher's score is kept (lowered to
// the new points when they went below it). A graded attempt whose score
// changes records each change, its new total and pass, and Graded again with
// the reason; one waiting for essays gets its new automatic scores and is
// totalled when finalised; one not graded yet is graded against the fixed
// version anyway. Applying the same regrade again changes nothing.
func (a *Attempt) ApplyFix(regradeID string, v exam.Version, by, reason string, now time.Time) (FixOutcome, error) {
	if i := slices.IndexFunc(a.fixes, func(f AppliedFix) bool { return f.RegradeID == regradeID }); i >= 0 {
		return FixOutcome{Changed: a.fixes[i].Changed, Previous: a.score, Score: a.score, Repeated: true}, nil
	}
	v, err := a.Paper(v)
	if err != nil {
		return FixOutcome{}, err
	}
	out := FixOutcome{Previous: a.score, Score: a.score}
	if a.results != nil && a.state != StateInProgress {
		now = now.UTC()
		changes := a.regradeResults(v, by, reason, now)
		if a.state == StateGraded {
			score, maximum, passed := a.score, a.maximum, a.passed
			a.total(v)
			out.Score = a.score
			out.Changed = score != a.score || maximum != a.maximum || passed != a.passed
			if out.Changed || len(changes) > 0 {
				a.regrades = append(a.regrades, changes...)
			}
			if out.Changed {
				a.gradedBy, a.gradedAt = by, now
				a.recordGraded(reason)
			}
		}
	}
	a.fixes = append(a.fixes, AppliedFix{RegradeID: regradeID, Changed: out.Changed})
	return out, nil
}

// regradeResults grades every objective answer again against v and returns
// the scores that changed.
func (a *Attempt) regradeResults(v exam.Version, by, reason string, now time.Time) []Regrade {
	var changes []Regrade
	for _, q := range v.Content.Questions {
		r, ok := a.results[q.ID]
		if !ok {
			continue
		}
		before := r.Score()
		out := exam.Grade(q, a.answers[q.ID].Answer)
		r.Max = out.Max
		if !r.Essay {
			r.Auto, r.Correct = out.Score, out.Correct
		}
		if r.Manual != nil && *r.Manual > r.Max {
			m := r.Max
			r.Manual = &m
		}
		a.results[q.ID] = r
		if r.Score() != before {
			changes = append(changes, Regrade{QuestionID: q.ID, Previous: before, Score: r.Score(), By: by, Reason: reason, At: now})
		}
	}
	return changes
}
