package exam

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxGaps bounds the gaps of a fill-in-the-blanks question.
const MaxGaps = 50

// Gap is one blank of a fill-in-the-blanks question, marked {{ID}} in the
// question's prompt.
type Gap struct {
	ID              string
	AcceptedAnswers []string
	// CaseSensitive compares letters as typed; otherwise case is ignored.
	CaseSensitive bool
	// Trim removes surrounding white space and collapses inner runs to one
	// space before comparing; otherwise the answer must match character for
	// character.
	Trim bool
}

// gapMarker finds the {{id}} markers of a prompt.
var gapMarker = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// GapIDs returns the ids of the gaps marked in the prompt, in the order they
// appear.
func (q Question) GapIDs() []string {
	var ids []string
	for _, m := range gapMarker.FindAllStringSubmatch(q.Prompt, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func (q Question) validateBlanks(bad func(string, ...any) error) error {
	if len(q.Gaps) == 0 || len(q.Gaps) > MaxGaps {
		return bad("a fill-in-the-blanks question needs 1 to %d gaps", MaxGaps)
	}
	marked := q.GapIDs()
	for i, id := range marked {
		if slices.Contains(marked[:i], id) {
			return bad("the gap {{%s}} is marked twice in the prompt", id)
		}
		if !slices.ContainsFunc(q.Gaps, func(g Gap) bool { return g.ID == id }) {
			return bad("the prompt marks {{%s}}, which is not one of the gaps", id)
		}
	}
	for i, g := range q.Gaps {
		if !validID(g.ID) || slices.ContainsFunc(q.Gaps[:i], func(o Gap) bool { return o.ID == g.ID }) {
			return bad("gap ids must be unique, 1 to %d letters, digits, '-' or '_'", MaxIDLength)
		}
		if !slices.Contains(marked, g.ID) {
			return bad("gap %s is not marked {{%s}} in the prompt", g.ID, g.ID)
		}
		if len(g.AcceptedAnswers) == 0 || len(g.AcceptedAnswers) > MaxAccepted {
			return bad("gap %s needs 1 to %d accepted answers", g.ID, MaxAccepted)
		}
		for _, a := range g.AcceptedAnswers {
			if strings.TrimSpace(a) == "" || utf8.RuneCountInString(a) > MaxShortTextLength {
				return bad("gap %s: accepted answers must be 1 to %d characters", g.ID, MaxShortTextLength)
			}
		}
	}
	return nil
}

// checkGaps refuses a fill-in-the-blanks answer that names a gap the
// question does not have or fills one with too long or invalid text.
func (q Question) checkGaps(gaps map[string]string, bad func(string, ...any) error) error {
	for id, text := range gaps {
		if !slices.ContainsFunc(q.Gaps, func(g Gap) bool { return g.ID == id }) {
			return bad("the question has no gap %q", id)
		}
		if utf8.RuneCountInString(text) > MaxShortTextLength {
			return bad("gap %s: the answer must be at most %d characters", id, MaxShortTextLength)
		}
		if err := CheckText("gaps."+id, text); err != nil {
			return err
		}
	}
	return nil
}

// blanksShare is the share of the points earned: the gaps filled with an
// accepted answer over all gaps.
func (q Question) blanksShare(gaps map[string]string) float64 {
	right := 0
	for _, g := range q.Gaps {
		if g.accepts(gaps[g.ID]) {
			right++
		}
	}
	return float64(right) / float64(len(q.Gaps))
}

func (g Gap) normalize(s string) string {
	if g.Trim {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func (g Gap) accepts(text string) bool {
	n := g.normalize(text)
	if n == "" {
		return false
	}
	for _, acc := range g.AcceptedAnswers {
		a := g.normalize(acc)
		if a == n || !g.CaseSensitive && strings.EqualFold(a, n) {
			return true
		}
	}
	return false
}
