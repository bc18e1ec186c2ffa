package exam

import "time"

// ResultsReleased says a teacher released the results of a test whose
// results wait for a manual release; every graded attempt's results are
// then shown to its student.
type ResultsReleased struct {
	TestID, CourseID string
	At               time.Time
}

func (ResultsReleased) isTestEvent() {}

// ResultsHeld tells whether students may not yet see graded results at now
// and, when they may from a known time (when the last attempt can have ended, under after_close),
// that time. Held with a zero time means until a teacher releases them.
func (t *Test) ResultsHeld(now time.Time) (held bool, until time.Time) {
	if t.ResultsVisible(now) {
		return false, time.Time{}
	}
	s := t.Current().Content.Settings
	if s.Results == ResultsAfterClose {
		return true, s.lastDeadline()
	}
	return true, time.Time{}
}
