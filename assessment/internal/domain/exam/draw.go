package exam

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

// Draw is a section of a test that draws Count questions at random from a
// category of the course's question bank (only those tagged Tag, when set)
// once at the start of each attempt. Each drawn question is worth Points,
// whatever the bank says, so every attempt has the same maximum.
type Draw struct {
	ID       string
	Category string
	Tag      string
	Count    int
	Points   float64
}

// Limits on a draw.
const (
	MaxDrawCount      = 100
	MaxCategoryLength = 100
	MaxTagLength      = 50
)

// Candidate is the current version of one bank question a draw may pick.
type Candidate struct {
	Version  int
	Question Question
}

// Drawn is a question drawn for one attempt: the bank question (its id is
// the question's) in the version drawn, worth its draw's points.
type Drawn struct {
	DrawID   string
	Version  int
	Question Question
}

// Errors of draws.
var (
	ErrInvalidDraw = errs.New(errs.InvalidArgument, "invalid-draw", "a draw section of the test is not valid")
	// ErrBankTooSmall refuses to publish (or start) a test whose draw asks
	// for more questions than its category of the bank holds.
	ErrBankTooSmall = errs.New(errs.FailedPrecondition, "bank-too-small",
		"a draw asks for more questions than the question bank's category holds")
)

func invalidDraw(id, reason string) *errs.Error {
	e := ErrInvalidDraw.With("draw_id", id).With("reason", reason)
	e.Message = "draw " + id + ": " + reason
	return e
}

// ValidCategory reports whether s can name a bank category or tag of at
// most limit characters: not blank, trimmed, valid text.
func ValidCategory(s string, limit int) bool {
	return strings.TrimSpace(s) == s && s != "" && utf8.RuneCountInString(s) <= limit && CheckText("category", s) == nil
}

// validateDraws checks the draw sections: unique ids that no fixed
// question has, a category, a count and points; and that no two draws of
// one category may pick the same question by their filters alone (one
// without a tag, or both with the same one).
func (c Content) validateDraws() error {
	seen := map[string]bool{}
	for _, q := range c.Questions {
		seen[q.ID] = true
	}
	total := len(c.Questions)
	for i, d := range c.Draws {
		switch {
		case !validID(d.ID) || seen[d.ID]:
			return invalidDraw(d.ID, "the id must be unique among the questions and draws, 1 to 64 letters, digits, '-' or '_'")
		case !ValidCategory(d.Category, MaxCategoryLength):
			return invalidDraw(d.ID, "the category must be 1 to 100 characters without surrounding spaces")
		case d.Tag != "" && !ValidCategory(d.Tag, MaxTagLength):
			return invalidDraw(d.ID, "the tag must be 1 to 50 characters without surrounding spaces")
		case d.Count < 1 || d.Count > MaxDrawCount:
			return invalidDraw(d.ID, fmt.Sprintf("the count must be 1 to %d", MaxDrawCount))
		case !validPoints(d.Points):
			return invalidDraw(d.ID, fmt.Sprintf("the points must be above 0 and at most %d, in hundredths", MaxPoints))
		}
		for _, o := range c.Draws[:i] {
			if o.Category == d.Category && (o.Tag == "" || d.Tag == "" || o.Tag == d.Tag) {
				return invalidDraw(d.ID, "draw "+o.ID+" draws from the same questions; merge them into one draw")
			}
		}
		seen[d.ID] = true
		total += d.Count
	}
	if total > MaxQuestions {
		return ErrTooManyQuestions
	}
	return nil
}

// Size is the number of questions each attempt gets: the fixed ones and
// every draw's count.
func (c Content) Size() int {
	n := len(c.Questions)
	for _, d := range c.Draws {
		n += d.Count
	}
	return n
}

// CheckPools tells whether every draw can be made from pools, the
// candidates of each draw (pools[i] for c.Draws[i]): a draw needs Count
// candidates no fixed question shares an id with, and the draws of one
// category together need as many distinct ones.
func (c Content) CheckPools(pools [][]Candidate) error {
	fixed := c.fixedIDs()
	perCategory := map[string]map[string]bool{}
	wanted := map[string]int{}
	for i, d := range c.Draws {
		n := 0
		for _, cand := range poolAt(pools, i) {
			if fixed[cand.Question.ID] {
				continue
			}
			n++
			if perCategory[d.Category] == nil {
				perCategory[d.Category] = map[string]bool{}
			}
			perCategory[d.Category][cand.Question.ID] = true
		}
		if n < d.Count {
			return bankTooSmall(d, n)
		}
		wanted[d.Category] += d.Count
	}
	for _, d := range c.Draws {
		if have := len(perCategory[d.Category]); have < wanted[d.Category] {
			return bankTooSmall(Draw{ID: d.ID, Category: d.Category, Count: wanted[d.Category]}, have)
		}
	}
	return nil
}

func bankTooSmall(d Draw, available int) *errs.Error {
	e := ErrBankTooSmall.With("draw_id", d.ID).With("category", d.Category).
		With("requested", strconv.Itoa(d.Count)).With("available", strconv.Itoa(available))
	if d.Tag != "" {
		e = e.With("tag", d.Tag)
	}
	e.Message = fmt.Sprintf("draw %s asks for %d questions of category %q", d.ID, d.Count, d.Category)
	if d.Tag != "" {
		e.Message += fmt.Sprintf(" tagged %q", d.Tag)
	}
	e.Message += fmt.Sprintf("; the bank holds %d", available)
	return e
}

func poolAt(pools [][]Candidate, i int) []Candidate {
	if i < len(pools) {
		return pools[i]
	}
	return nil
}

func (c Content) fixedIDs() map[string]bool {
	ids := make(map[string]bool, len(c.Questions))
	for _, q := range c.Questions {
		ids[q.ID] = true
	}
	return ids
}

// DrawQuestions makes every draw for an attempt with seed, from pools (see
// CheckPools): each draw picks Count of its candidates at random, none a
// fixed question's id or one drawn before, each worth the draw's points.
// The same seed and pools draw the same questions.
func (c Content) DrawQuestions(pools [][]Candidate, seed uint64) ([]Drawn, error) {
	if err := c.CheckPools(pools); err != nil {
		return nil, err
	}
	taken := c.fixedIDs()
	var out []Drawn
	for i, d := range c.Draws {
		pool := slices.Clone(poolAt(pools, i))
		slices.SortFunc(pool, func(a, b Candidate) int { return strings.Compare(a.Question.ID, b.Question.ID) })
		pool = slices.DeleteFunc(pool, func(cand Candidate) bool { return taken[cand.Question.ID] })
		if len(pool) < d.Count {
			return nil, bankTooSmall(d, len(pool))
		}
		h := fnv.New64a()
		_, _ = h.Write([]byte(d.ID))
		for _, j := range Order(seed^h.Sum64(), len(pool))[:d.Count] {
			q := pool[j].Question
			q.Points = d.Points
			out = append(out, Drawn{DrawID: d.ID, Version: pool[j].Version, Question: q})
			taken[q.ID] = true
		}
	}
	return out, nil
}

// WithDrawn is the content as one attempt holds it: the fixed questions,
// then each draw's questions in the order drawn, and no draws left. Content
// without draws is returned as it is.
func (c Content) WithDrawn(drawn []Drawn) Content {
	if len(c.Draws) == 0 {
		return c
	}
	qs := make([]Question, 0, len(c.Questions)+len(drawn))
	qs = append(qs, c.Questions...)
	for _, d := range c.Draws {
		for _, x := range drawn {
			if x.DrawID == d.ID {
				qs = append(qs, x.Question)
			}
		}
	}
	c.Questions, c.Draws = qs, nil
	return c
}
