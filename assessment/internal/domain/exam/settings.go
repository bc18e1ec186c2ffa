package exam

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// ScoringPolicy decides which score of a student's graded attempts counts.
type ScoringPolicy string

// The scoring policies.
const (
	ScoreHighest ScoringPolicy = "highest"
	ScoreLatest  ScoringPolicy = "latest"
	ScoreAverage ScoringPolicy = "average"
)

// ResultsVisibility decides when students see their scores and feedback.
type ResultsVisibility string

// When results are shown.
const (
	// ResultsOnSubmission shows an attempt's results as soon as it is graded.
	ResultsOnSubmission ResultsVisibility = "on_submission"
	// ResultsAfterClose shows results once the test has closed.
	ResultsAfterClose ResultsVisibility = "after_close"
	// ResultsOnRelease shows results once a teacher releases them.
	ResultsOnRelease ResultsVisibility = "manual"
)

// LatePolicy decides what happens after the test closes. Refusing (the zero
// value) ends every attempt at the close. Accepting lets students start and
// work until Until (no limit when zero), and takes PenaltyPercent of the score
// of an attempt submitted after the close.
type LatePolicy struct {
	Accept         bool
	PenaltyPercent float64
	Until          time.Time
}

// Settings are everything about a test but its questions.
type Settings struct {
	Title        string
	Instructions string
	// TimeLimit is how long an attempt may last; zero means no limit.
	TimeLimit time.Duration
	// MaxAttempts is how many attempts a student may make; zero means no limit.
	MaxAttempts int
	Scoring     ScoringPolicy
	// Opens and Closes bound when attempts may start; zero means unbounded.
	Opens, Closes time.Time
	Late          LatePolicy
	// PassingScore is the score, in points, an attempt needs to pass.
	PassingScore     float64
	ShuffleQuestions bool
	ShuffleOptions   bool
	Results          ResultsVisibility
}

// Limits on settings.
const (
	MaxTitleLength        = 200
	MaxInstructionsLength = 20_000
	MaxTimeLimit          = 7 * 24 * time.Hour
	MaxAttemptsLimit      = 100
)

// normalized trims the title and fills the defaults of empty policies.
func (s Settings) normalized() Settings {
	s.Title = strings.TrimSpace(s.Title)
	if s.Scoring == "" {
		s.Scoring = ScoreHighest
	}
	if s.Results == "" {
		s.Results = ResultsOnSubmission
	}
	s.Opens, s.Closes, s.Late.Until = s.Opens.UTC(), s.Closes.UTC(), s.Late.Until.UTC()
	return s
}

// validate checks the settings on their own; maxScore is the test's total.
func (s Settings) validate(maxScore float64) error {
	switch {
	case s.Title == "" || utf8.RuneCountInString(s.Title) > MaxTitleLength:
		return ErrInvalidTitle
	case utf8.RuneCountInString(s.Instructions) > MaxInstructionsLength:
		return invalidSettings("instructions", "at most 20000 characters")
	case s.TimeLimit < 0 || s.TimeLimit > MaxTimeLimit || s.TimeLimit%time.Second != 0:
		return invalidSettings("time_limit_seconds", "a whole number of seconds from 0 (no limit) to 7 days")
	case s.MaxAttempts < 0 || s.MaxAttempts > MaxAttemptsLimit:
		return invalidSettings("max_attempts", "from 0 (no limit) to 100")
	case s.Scoring != ScoreHighest && s.Scoring != ScoreLatest && s.Scoring != ScoreAverage:
		return invalidSettings("scoring_policy", "one of highest, latest, average")
	case s.Results != ResultsOnSubmission && s.Results != ResultsAfterClose && s.Results != ResultsOnRelease:
		return invalidSettings("results_visibility", "one of on_submission, after_close, manual")
	case !s.Opens.IsZero() && !s.Closes.IsZero() && !s.Closes.After(s.Opens):
		return invalidSettings("closes_at", "the test must close after it opens")
	case math.IsNaN(s.PassingScore) || s.PassingScore < 0 || !inHundredths(s.PassingScore) || s.PassingScore > maxScore:
		return invalidSettings("passing_score", "from 0 to the test's total points, in hundredths")
	}
	return s.Late.validate(s.Closes)
}

func (l LatePolicy) validate(closes time.Time) error {
	if !l.Accept {
		if l.PenaltyPercent != 0 || !l.Until.IsZero() {
			return invalidSettings("late_policy", "a penalty or an end of the late period needs late submissions accepted")
		}
		return nil
	}
	switch {
	case closes.IsZero():
		return invalidSettings("late_policy", "accepting late submissions needs a closing time")
	case math.IsNaN(l.PenaltyPercent) || l.PenaltyPercent < 0 || l.PenaltyPercent > 100:
		return invalidSettings("late_policy.penalty_percent", "from 0 to 100")
	case !l.Until.IsZero() && !l.Until.After(closes):
		return invalidSettings("late_policy.until", "the late period must end after the test closes")
	}
	return nil
}

// CheckStart tells whether an attempt may start at now.
func (s Settings) CheckStart(now time.Time) error {
	if !s.Opens.IsZero() && now.Before(s.Opens) {
		at := s.Opens.UTC().Format(time.RFC3339)
		e := ErrNotOpen.With("opens_at", at)
		e.Message = "the test opens at " + at
		return e
	}
	if end := s.end(); !end.IsZero() && !now.Before(end) {
		at := end.UTC().Format(time.RFC3339)
		e := ErrClosed.With("closes_at", at)
		e.Message = "the test closed at " + at
		return e
	}
	return nil
}

// end is when the test stops taking work: the close, or the end of the late
// period when late work is accepted; zero means never.
func (s Settings) end() time.Time {
	if s.Late.Accept {
		return s.Late.Until
	}
	return s.Closes
}

// Deadline is when an attempt started at start ends. A timed attempt runs
// its whole time limit, even past the close: the test's window bounds when
// attempts may start, and an attempt in progress at the close is submitted at
// its own deadline, not cut short. An untimed attempt ends with the test (its
// close, or the end of the late period). Zero means the attempt has no
// deadline (an untimed test that never closes).
func (s Settings) Deadline(start time.Time) time.Time {
	if s.TimeLimit > 0 {
		return start.Add(s.TimeLimit).UTC()
	}
	return s.end().UTC()
}

// lastDeadline is the latest deadline any attempt can have: the end of the
// test plus the time limit of an attempt started just before it. Zero means
// attempts can end at any time (the test never closes).
func (s Settings) lastDeadline() time.Time {
	end := s.end()
	if end.IsZero() {
		return end
	}
	return end.Add(s.TimeLimit)
}

// IsLate reports whether work submitted at at counts as late: late work is
// accepted and it came after the close (the close is then a due date, as in
// Canvas: a timed attempt started before it and submitted after it is late).
func (s Settings) IsLate(at time.Time) bool {
	return s.Late.Accept && !s.Closes.IsZero() && at.After(s.Closes)
}

// Penalty is the points a late attempt scoring score loses.
func (s Settings) Penalty(score float64) float64 {
	return Round(score * s.Late.PenaltyPercent / 100)
}

// Passes reports whether score passes the test.
func (s Settings) Passes(score float64) bool { return score >= s.PassingScore }
