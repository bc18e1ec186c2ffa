package exam

import (
	"math"
	"slices"
)

// Outcome is how an answer fared against a question's key.
type Outcome struct {
	// Score is the points earned automatically, rounded to a hundredth; 0 for
	// an essay until a teacher grades it.
	Score float64
	// Max is the question's points.
	Max float64
	// Correct is true when the answer earned every point.
	Correct bool
	// Manual is true when a teacher must grade the answer (an essay).
	Manual bool
}

// Grade scores a against q's key. A blank answer scores 0; an essay is left
// to a teacher.
//
//   - single choice, true/false: all points for the right answer, none otherwise;
//   - multiple choice, all or nothing: all points when the picked options are
//     exactly the correct ones;
//   - multiple choice, partial credit: each correct option picked earns
//     points/c and each wrong option picked costs points/c (c = number of
//     correct options), never below 0;
//   - short text: all points when the normalised answer equals a normalised
//     accepted answer or matches the pattern as a whole;
//   - numeric: all points when the answer is within the tolerance of the value;
//   - matching: points/n for each of the n prompts matched with its answer;
//   - ordering: points/n for each of the n items in its right place;
//   - fill in the blanks: points/n for each of the n gaps filled with one of
//     its accepted answers (under the gap's case and trimming rules).
func Grade(q Question, a Answer) Outcome {
	out := Outcome{Max: q.Points}
	if q.Kind == Essay {
		out.Manual = true
		return out
	}
	if a.Blank() {
		return out
	}
	var share float64
	switch q.Kind {
	case SingleChoice:
		if len(a.Options) == 1 && q.correct(a.Options[0]) {
			share = 1
		}
	case MultipleChoice:
		share = q.choiceShare(a.Options)
	case TrueFalse:
		if a.Bool != nil && *a.Bool == q.Truth {
			share = 1
		}
	case ShortText:
		if q.acceptsText(a.Text) {
			share = 1
		}
	case Numeric:
		if a.Number != nil && withinTolerance(*a.Number, q.Value, q.Tolerance) {
			share = 1
		}
	case Matching:
		share = q.matchingShare(a.Matches)
	case Ordering:
		share = q.orderingShare(a.Order)
	case FillInTheBlanks:
		share = q.blanksShare(a.Gaps)
	}
	out.Score = Round(q.Points * share)
	out.Correct = out.Score == q.Points
	return out
}

// correct reports whether the option with id is a correct one.
func (q Question) correct(id string) bool {
	i := slices.IndexFunc(q.Options, func(o Option) bool { return o.ID == id })
	return i >= 0 && q.Options[i].Correct
}

// choiceShare is the share of the points a multiple-choice answer earns.
func (q Question) choiceShare(picked []string) float64 {
	var correct, hits, misses int
	for _, o := range q.Options {
		if o.Correct {
			correct++
		}
	}
	for _, id := range picked {
		if q.correct(id) {
			hits++
		} else {
			misses++
		}
	}
	if !q.PartialCredit {
		if hits == correct && misses == 0 {
			return 1
		}
		return 0
	}
	return math.Max(0, float64(hits-misses)/float64(correct))
}

// acceptsText reports whether a short-text answer matches an accepted answer
// or the pattern, both after normalisation.
func (q Question) acceptsText(text string) bool {
	n := Normalize(text)
	if n == "" {
		return false
	}
	for _, acc := range q.AcceptedAnswers {
		if Normalize(acc) == n {
			return true
		}
	}
	if q.Pattern == "" {
		return false
	}
	re, err := compilePattern(q.Pattern)
	return err == nil && re.MatchString(n)
}

// withinTolerance compares with a margin of a few ulps of the operands, so
// that 0.1+0.2 typed by a student counts as 0.3 with tolerance 0.
func withinTolerance(got, want, tol float64) bool {
	slack := 1e-9 * math.Max(1, math.Max(math.Abs(got), math.Abs(want)))
	return math.Abs(got-want) <= tol+slack
}
