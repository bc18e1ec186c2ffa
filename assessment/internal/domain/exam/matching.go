package exam

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits on matching and ordering questions.
const (
	MaxPairs       = 26
	MaxDistractors = 26
	MaxItems       = 26
)

// Pair is one prompt of a matching question and the answer it matches.
// Several prompts may share an answer ("mammal" for both dog and cat).
type Pair struct {
	ID     string
	Prompt string
	Answer string
}

func (q Question) validateMatching(bad func(string, ...any) error) error {
	if len(q.Pairs) < 2 || len(q.Pairs) > MaxPairs {
		return bad("a matching question needs 2 to %d pairs", MaxPairs)
	}
	if len(q.Distractors) > MaxDistractors {
		return bad("at most %d distractors", MaxDistractors)
	}
	ids := make(map[string]bool, len(q.Pairs))
	prompts := make(map[string]bool, len(q.Pairs))
	answers := make(map[string]bool, len(q.Pairs))
	for _, p := range q.Pairs {
		if !validID(p.ID) || ids[p.ID] {
			return bad("pair ids must be unique, 1 to %d letters, digits, '-' or '_'", MaxIDLength)
		}
		ids[p.ID] = true
		if !validOptionText(p.Prompt) || !validOptionText(p.Answer) {
			return bad("pair %s: the prompt and the answer must be 1 to %d characters", p.ID, MaxOptionLength)
		}
		if prompts[p.Prompt] {
			return bad("the prompt %q appears in two pairs", p.Prompt)
		}
		prompts[p.Prompt] = true
		answers[p.Answer] = true
	}
	for _, d := range q.Distractors {
		if !validOptionText(d) {
			return bad("distractors must be 1 to %d characters", MaxOptionLength)
		}
		if answers[d] {
			return bad("the distractor %q is already an answer", d)
		}
		answers[d] = true
	}
	return nil
}

// validOptionText reports whether s can be the text of an option, a pair's
// prompt or answer, a distractor or an item.
func validOptionText(s string) bool {
	return strings.TrimSpace(s) != "" && utf8.RuneCountInString(s) <= MaxOptionLength
}

// Choices are the answers a matching question offers, each once: the pairs'
// answers in the teacher's order, then the distractors.
func (q Question) Choices() []string {
	out := make([]string, 0, len(q.Pairs)+len(q.Distractors))
	for _, p := range q.Pairs {
		if !slices.Contains(out, p.Answer) {
			out = append(out, p.Answer)
		}
	}
	return append(out, q.Distractors...)
}

// checkMatches refuses a matching answer that names a prompt the question
// does not have or an answer it does not offer.
func (q Question) checkMatches(m map[string]string, bad func(string, ...any) error) error {
	choices := q.Choices()
	for pid, ans := range m {
		if !slices.ContainsFunc(q.Pairs, func(p Pair) bool { return p.ID == pid }) {
			return bad("the question has no prompt %q", pid)
		}
		if !slices.Contains(choices, ans) {
			return bad("prompt %s: %q is not one of the answers offered", pid, ans)
		}
	}
	return nil
}

// matchingShare is the share of the points earned: the pairs matched right
// over all pairs.
func (q Question) matchingShare(m map[string]string) float64 {
	right := 0
	for _, p := range q.Pairs {
		if m[p.ID] == p.Answer {
			right++
		}
	}
	return float64(right) / float64(len(q.Pairs))
}
