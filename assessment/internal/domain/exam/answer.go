package exam

import (
	"fmt"
	"math"
	"slices"
	"unicode/utf8"
)

// Limits on answers.
const (
	MaxShortTextLength = 1_000
	MaxEssayLength     = 100_000
)

// Answer is what a student gave for one question. Only the field of the
// question's kind is set; an answer with nothing set is blank and scores 0.
type Answer struct {
	Options []string // single choice (at most one) and multiple choice
	Bool    *bool    // true/false
	Text    string   // short text and essay
	Number  *float64 // numeric
	// Matches maps a matching question's prompts (pair ids) to the answers
	// picked for them; a prompt left out is unanswered.
	Matches map[string]string
	// Order is an ordering question's items in the order the student put
	// them: every item once.
	Order []string
	// Gaps maps a fill-in-the-blanks question's gap ids to what was typed.
	Gaps map[string]string
}

// Blank reports whether the answer holds nothing.
func (a Answer) Blank() bool {
	return len(a.Options) == 0 && a.Bool == nil && a.Text == "" && a.Number == nil &&
		len(a.Matches) == 0 && len(a.Order) == 0 && len(a.Gaps) == 0
}

// Check reports whether a can be saved as an answer to q: it uses only the
// field of q's kind, names only q's options, and stays within the limits.
func (a Answer) Check(q Question) error {
	bad := func(format string, args ...any) error {
		e := ErrInvalidAnswer.With("question_id", q.ID)
		e.Message = fmt.Sprintf("question %s: ", q.ID) + fmt.Sprintf(format, args...)
		return e
	}
	others := func(allowed string) bool {
		return (allowed != "options" && len(a.Options) > 0) || (allowed != "bool" && a.Bool != nil) ||
			(allowed != "text" && a.Text != "") || (allowed != "number" && a.Number != nil) ||
			(allowed != "matches" && len(a.Matches) > 0) || (allowed != "order" && len(a.Order) > 0) ||
			(allowed != "gaps" && len(a.Gaps) > 0)
	}
	switch q.Kind {
	case SingleChoice, MultipleChoice:
		if others("options") {
			return bad("a choice question is answered with options")
		}
		if q.Kind == SingleChoice && len(a.Options) > 1 {
			return bad("pick at most one option")
		}
		for i, id := range a.Options {
			if !slices.ContainsFunc(q.Options, func(o Option) bool { return o.ID == id }) {
				return bad("the question has no option %q", id)
			}
			if slices.Contains(a.Options[:i], id) {
				return bad("option %q is picked twice", id)
			}
		}
	case TrueFalse:
		if others("bool") {
			return bad("a true/false question is answered with bool")
		}
	case ShortText, Essay:
		if others("text") {
			return bad("this question is answered with text")
		}
		limit := MaxShortTextLength
		if q.Kind == Essay {
			limit = MaxEssayLength
		}
		if utf8.RuneCountInString(a.Text) > limit {
			return bad("the answer must be at most %d characters", limit)
		}
		if err := CheckText("text", a.Text); err != nil {
			return err
		}
	case Numeric:
		if others("number") {
			return bad("a numeric question is answered with number")
		}
		if a.Number != nil && (math.IsNaN(*a.Number) || math.IsInf(*a.Number, 0)) {
			return bad("the answer must be a finite number")
		}
	case Matching:
		if others("matches") {
			return bad("a matching question is answered with matches")
		}
		return q.checkMatches(a.Matches, bad)
	case Ordering:
		if others("order") {
			return bad("an ordering question is answered with order")
		}
		if len(a.Order) > 0 {
			return q.checkOrder(a.Order, bad)
		}
	case FillInTheBlanks:
		if others("gaps") {
			return bad("a fill-in-the-blanks question is answered with gaps")
		}
		return q.checkGaps(a.Gaps, bad)
	}
	return nil
}
