package exam

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Kind is the type of a question, which decides how it is answered and graded.
type Kind string

// The kinds of question.
const (
	// SingleChoice has one correct option; the student picks one.
	SingleChoice Kind = "single_choice"
	// MultipleChoice has one or more correct options; the student picks any.
	MultipleChoice Kind = "multiple_choice"
	// TrueFalse asks whether a statement holds.
	TrueFalse Kind = "true_false"
	// ShortText accepts a few words matched against accepted answers or a pattern.
	ShortText Kind = "short_text"
	// Numeric accepts a number within a tolerance of the expected value.
	Numeric Kind = "numeric"
	// Essay is free text a teacher grades by hand.
	Essay Kind = "essay"
	// Matching pairs prompts with answers; each right pair earns its share.
	Matching Kind = "matching"
	// Ordering puts items in order; each item in its right place earns its share.
	Ordering Kind = "ordering"
	// FillInTheBlanks is a text with gaps; each gap filled right earns its share.
	FillInTheBlanks Kind = "fill_in_the_blanks"
)

// Limits on what a question holds.
const (
	MaxIDLength       = 64
	MaxPromptLength   = 20_000
	MaxFeedbackLength = 5_000
	MaxOptions        = 26
	MaxOptionLength   = 2_000
	MaxAccepted       = 50
	MaxPatternLength  = 500
)

// Option is one choice of a single- or multiple-choice question.
type Option struct {
	ID      string
	Text    string
	Correct bool
}

// Question is one question of a test with its answer key. Which fields matter
// depends on Kind; the others stay empty.
type Question struct {
	ID       string
	Kind     Kind
	Prompt   string
	Points   float64 // for an essay, the most a teacher can award
	Feedback string  // shown with the results

	Options       []Option // single and multiple choice
	PartialCredit bool     // multiple choice: credit per right decision

	Truth bool // true/false: the correct answer

	AcceptedAnswers []string // short text, compared after normalisation
	Pattern         string   // short text: a regular expression the whole normalised answer may match instead

	Value     float64 // numeric
	Tolerance float64 // numeric: how far from Value an answer may be

	Pairs       []Pair   // matching: each prompt with its answer
	Distractors []string // matching: answers offered that match no prompt

	Items []string // ordering: the items in their right order

	Gaps []Gap // fill in the blanks: each marked {{id}} in the prompt
}

// Objective reports whether the question is graded automatically.
func (q Question) Objective() bool { return q.Kind != Essay }

// validate checks the question on its own; the test checks ids are unique.
func (q Question) validate() error {
	bad := func(format string, args ...any) error { return invalidQuestion(q.ID, fmt.Sprintf(format, args...)) }
	if !validID(q.ID) {
		return bad("the id must be 1 to %d letters, digits, '-' or '_'", MaxIDLength)
	}
	if strings.TrimSpace(q.Prompt) == "" || utf8.RuneCountInString(q.Prompt) > MaxPromptLength {
		return bad("the prompt must be 1 to %d characters", MaxPromptLength)
	}
	if utf8.RuneCountInString(q.Feedback) > MaxFeedbackLength {
		return bad("the feedback must be at most %d characters", MaxFeedbackLength)
	}
	if !validPoints(q.Points) {
		return bad("the points must be above 0 and at most %d, in hundredths", MaxPoints)
	}
	if field := q.unusedKey(); field != "" {
		return bad("a %s question takes no %s", q.Kind, field)
	}
	switch q.Kind {
	case SingleChoice, MultipleChoice:
		return q.validateOptions()
	case TrueFalse, Essay:
		return q.noKeyBut(bad)
	case Matching:
		return q.validateMatching(bad)
	case Ordering:
		return q.validateOrdering(bad)
	case FillInTheBlanks:
		return q.validateBlanks(bad)
	case ShortText:
		return q.validateShortText(bad)
	case Numeric:
		if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) || math.IsNaN(q.Tolerance) || math.IsInf(q.Tolerance, 0) || q.Tolerance < 0 {
			return bad("the value must be a finite number and the tolerance a finite number of at least 0")
		}
		return nil
	default:
		return bad("the kind %q is not one of single_choice, multiple_choice, true_false, short_text, numeric, essay, matching, ordering, fill_in_the_blanks", q.Kind)
	}
}

func (q Question) validateOptions() error {
	bad := func(format string, args ...any) error { return invalidQuestion(q.ID, fmt.Sprintf(format, args...)) }
	if len(q.Options) < 2 || len(q.Options) > MaxOptions {
		return bad("a choice question needs 2 to %d options", MaxOptions)
	}
	seen := make(map[string]bool, len(q.Options))
	correct := 0
	for _, o := range q.Options {
		if !validID(o.ID) || seen[o.ID] {
			return bad("option ids must be unique, 1 to %d letters, digits, '-' or '_'", MaxIDLength)
		}
		seen[o.ID] = true
		if strings.TrimSpace(o.Text) == "" || utf8.RuneCountInString(o.Text) > MaxOptionLength {
			return bad("option %s: the text must be 1 to %d characters", o.ID, MaxOptionLength)
		}
		if o.Correct {
			correct++
		}
	}
	if q.Kind == SingleChoice && correct != 1 {
		return bad("a single-choice question needs exactly one correct option")
	}
	if q.Kind == MultipleChoice && correct == 0 {
		return bad("a multiple-choice question needs at least one correct option")
	}
	if q.Kind == SingleChoice && q.PartialCredit {
		return bad("partial credit applies to multiple-choice questions only")
	}
	return nil
}

func (q Question) validateShortText(bad func(string, ...any) error) error {
	if len(q.AcceptedAnswers) == 0 && q.Pattern == "" {
		return bad("a short-text question needs accepted answers, a pattern or both")
	}
	if len(q.AcceptedAnswers) > MaxAccepted {
		return bad("at most %d accepted answers", MaxAccepted)
	}
	for _, a := range q.AcceptedAnswers {
		if Normalize(a) == "" || utf8.RuneCountInString(a) > MaxShortTextLength {
			return bad("accepted answers must be 1 to %d characters", MaxShortTextLength)
		}
	}
	if len(q.Pattern) > MaxPatternLength {
		return bad("the pattern must be at most %d characters", MaxPatternLength)
	}
	if q.Pattern != "" {
		if _, err := compilePattern(q.Pattern); err != nil {
			return bad("the pattern is not a valid regular expression: %v", err)
		}
	}
	return nil
}

// noKeyBut refuses choice options, accepted answers or a pattern on a question
// whose kind has no use for them, so a key never hides in an unused field.
func (q Question) noKeyBut(bad func(string, ...any) error) error {
	if len(q.Options) > 0 || len(q.AcceptedAnswers) > 0 || q.Pattern != "" || q.PartialCredit {
		return bad("a %s question takes no options, accepted answers or pattern", q.Kind)
	}
	return nil
}

// unusedKey names a key field of the matching, ordering or fill-in-the-blanks
// kinds set on a question of another kind, or of the older kinds set on one
// of these, so a key never hides in a field its kind does not read.
func (q Question) unusedKey() string {
	uses := func(k Kind) bool { return q.Kind == k }
	switch {
	case !uses(Matching) && (len(q.Pairs) > 0 || len(q.Distractors) > 0):
		return "pairs or distractors"
	case !uses(Ordering) && len(q.Items) > 0:
		return "items"
	case !uses(FillInTheBlanks) && len(q.Gaps) > 0:
		return "gaps"
	case (uses(Matching) || uses(Ordering) || uses(FillInTheBlanks)) &&
		(len(q.Options) > 0 || len(q.AcceptedAnswers) > 0 || q.Pattern != "" || q.PartialCredit):
		return "options, accepted answers, pattern or partial_credit (the kind always gives partial credit)"
	}
	return ""
}

// compilePattern compiles a short-text pattern to match the whole normalised
// answer, ignoring case as the accepted answers do. Go's regular expressions
// run in linear time, so a teacher's pattern cannot stall grading.
func compilePattern(p string) (*regexp.Regexp, error) {
	return regexp.Compile(`(?i)^(?:` + p + `)$`)
}

// validID reports whether s can be a question or option id.
func validID(s string) bool {
	if s == "" || len(s) > MaxIDLength {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}

// CheckQuestion checks a question outside a test (a bank's) as a test
// checks its own, and returns a copy with its own slices.
func CheckQuestion(q Question) (Question, error) {
	c := Content{Questions: []Question{q}}.normalized()
	q = c.Questions[0]
	if err := q.checkText("question"); err != nil {
		return Question{}, err
	}
	if err := q.validate(); err != nil {
		return Question{}, err
	}
	return q, nil
}
