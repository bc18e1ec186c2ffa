package accommodation

import (
	"math"
	"time"

	"lms/assessment/internal/domain/exam"
)

// Terms are what one student gets at one test beyond its settings. The zero
// value grants nothing.
type Terms struct {
	// TimeFactor multiplies the time limit (1.5 for time and a half); 0
	// and 1 leave it as it is.
	TimeFactor float64
	// ExtraTime is added to the time limit, after the factor.
	ExtraTime time.Duration
	// Closes is the student's own close, used when later than the test's;
	// zero keeps the test's.
	Closes time.Time
	// ExtraAttempts is added to the test's allowed attempts.
	ExtraAttempts int
}

// Limits on terms.
const (
	MaxTimeFactor    = 5.0
	MaxExtraTime     = exam.MaxTimeLimit
	MaxExtraAttempts = exam.MaxAttemptsLimit
)

// IsZero reports whether the terms grant nothing.
func (t Terms) IsZero() bool { return t.Equal(Terms{}) }

// Equal reports whether t and o grant the same.
func (t Terms) Equal(o Terms) bool {
	return t.factor() == o.factor() && t.ExtraTime == o.ExtraTime &&
		t.Closes.Equal(o.Closes) && t.ExtraAttempts == o.ExtraAttempts
}

func (t Terms) factor() float64 {
	if t.TimeFactor == 0 {
		return 1
	}
	return t.TimeFactor
}

// validate checks the terms; a close that changed must be in the future.
func (t Terms) validate(before Terms, now time.Time) error {
	switch {
	case t.TimeFactor != 0 && (t.TimeFactor < 1 || t.TimeFactor > MaxTimeFactor || math.IsNaN(t.TimeFactor)):
		return invalidTerms("time_factor", "the time factor is between 1 and 5")
	case t.ExtraTime < 0 || t.ExtraTime > MaxExtraTime || t.ExtraTime%time.Minute != 0:
		return invalidTerms("extra_time_minutes", "extra time is whole minutes, from 0 to a week")
	case t.ExtraAttempts < 0 || t.ExtraAttempts > MaxExtraAttempts:
		return invalidTerms("extra_attempts", "extra attempts are from 0 to 100")
	case !t.Closes.IsZero() && !t.Closes.After(now) && !t.Closes.Equal(before.Closes):
		return invalidTerms("closes_at", "the student's close must be in the future")
	}
	return nil
}

// Apply returns the test's settings as they hold for the student: the time
// limit of a timed test times the factor plus the extra time, the later of
// the two closes (the end of a late period before it moves with it), and
// the allowed attempts plus the extra ones. An untimed test stays untimed,
// a test without a close or an attempt limit keeps none.
func (t Terms) Apply(s exam.Settings) exam.Settings {
	if s.TimeLimit > 0 {
		limit := time.Duration(float64(s.TimeLimit) * t.factor()).Round(time.Second)
		s.TimeLimit = limit + t.ExtraTime
	}
	if !t.Closes.IsZero() && !s.Closes.IsZero() && t.Closes.After(s.Closes) {
		s.Closes = t.Closes.UTC()
		if s.Late.Accept && !s.Late.Until.IsZero() && s.Late.Until.Before(s.Closes) {
			s.Late.Until = s.Closes
		}
	}
	if s.MaxAttempts > 0 {
		s.MaxAttempts += t.ExtraAttempts
	}
	return s
}
