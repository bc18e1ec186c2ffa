package bank

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

// Limits of a bank.
const (
	MaxQuestions = 2_000
	MaxTags      = 20
)

// Entry is a bank question as a teacher writes it: its category, its tags
// and the question with its key (the question's id is the bank question's).
type Entry struct {
	Category string
	Tags     []string
	Question exam.Question
}

// Version is one version of a bank question: what it was, from when, by whom.
type Version struct {
	Number    int
	Entry     Entry
	CreatedAt time.Time
	CreatedBy string
}

// Question is one question of a bank with every version, oldest first; the
// last is the current one, which draws pick.
type Question struct {
	ID        string
	Versions  []Version
	RetiredAt time.Time // zero while the question may be drawn
}

// Current returns the question's current version.
func (q Question) Current() Version { return q.Versions[len(q.Versions)-1] }

// Retired reports whether the question was taken out of the draws.
func (q Question) Retired() bool { return !q.RetiredAt.IsZero() }

// Bank is a course's question bank.
type Bank struct {
	courseID  string
	questions []Question
	updatedAt time.Time
	changed   bool
}

// New returns the empty bank of a course.
func New(courseID string) *Bank { return &Bank{courseID: courseID} }

// Rehydrate rebuilds a stored bank without validating it again.
func Rehydrate(courseID string, questions []Question, updatedAt time.Time) *Bank {
	return &Bank{courseID: courseID, questions: slices.Clone(questions), updatedAt: updatedAt}
}

// CourseID returns the id of the bank's course.
func (b *Bank) CourseID() string { return b.courseID }

// Changed reports whether anything changed since the bank was loaded, so
// a repository writes only a change.
func (b *Bank) Changed() bool { return b.changed }

// UpdatedAt returns when the bank last changed, or zero.
func (b *Bank) UpdatedAt() time.Time { return b.updatedAt }

// Questions returns every question, retired ones included, ordered by id.
func (b *Bank) Questions() []Question { return slices.Clone(b.questions) }

// Question returns the question with id, or ErrNotFound.
func (b *Bank) Question(id string) (Question, error) {
	i := b.index(id)
	if i < 0 {
		return Question{}, ErrNotFound.With("question_id", id)
	}
	return b.questions[i], nil
}

func (b *Bank) index(id string) int {
	i, ok := slices.BinarySearchFunc(b.questions, id, func(q Question, id string) int { return strings.Compare(q.ID, id) })
	if !ok {
		return -1
	}
	return i
}

// Outcome is what a Put did.
type Outcome struct {
	Question Question
	// Created is true for a new question, Changed for a new version (a
	// new question's first included); the same entry again changes nothing.
	Created, Changed bool
}

// Put writes the entry as the question with its question's id: a new
// question, a new version of the question when anything differs from its
// current version, or nothing when it is the same. Putting a retired
// question back makes it drawable again.
func (b *Bank) Put(e Entry, by string, now time.Time) (Outcome, error) {
	e, err := checkEntry(e)
	if err != nil {
		return Outcome{}, err
	}
	return b.put(e, by, now)
}

func (b *Bank) put(e Entry, by string, now time.Time) (Outcome, error) {
	now = now.UTC()
	id := e.Question.ID
	i := b.index(id)
	if i < 0 {
		if len(b.questions) >= MaxQuestions {
			return Outcome{}, ErrTooManyEntries
		}
		q := Question{ID: id, Versions: []Version{{Number: 1, Entry: e, CreatedAt: now, CreatedBy: by}}}
		at, _ := slices.BinarySearchFunc(b.questions, id, func(q Question, id string) int { return strings.Compare(q.ID, id) })
		b.questions = slices.Insert(b.questions, at, q)
		b.updatedAt, b.changed = now, true
		return Outcome{Question: q, Created: true, Changed: true}, nil
	}
	q := b.questions[i]
	if sameEntry(q.Current().Entry, e) && !q.Retired() {
		return Outcome{Question: q}, nil
	}
	q.Versions = slices.Clone(q.Versions)
	if !sameEntry(q.Current().Entry, e) {
		q.Versions = append(q.Versions, Version{Number: q.Current().Number + 1, Entry: e, CreatedAt: now, CreatedBy: by})
	}
	q.RetiredAt = time.Time{}
	b.questions[i], b.updatedAt, b.changed = q, now, true
	return Outcome{Question: q, Changed: true}, nil
}

// Retire takes the question out of future draws; attempts that drew it keep
// it, and its versions stay readable. Retiring twice changes nothing and
// reports false.
func (b *Bank) Retire(id string, now time.Time) (bool, error) {
	i := b.index(id)
	if i < 0 {
		return false, ErrNotFound.With("question_id", id)
	}
	if b.questions[i].Retired() {
		return false, nil
	}
	now = now.UTC()
	b.questions[i].RetiredAt, b.updatedAt, b.changed = now, now, true
	return true, nil
}

// ImportSummary counts what an import did.
type ImportSummary struct {
	Created, Updated, Unchanged int
}

// Import puts every entry, all or nothing: each is checked first, and the
// first that is not valid (or an id given twice) refuses the whole import
// with ErrInvalidImport naming its index (`item`) and why (`reason`).
func (b *Bank) Import(entries []Entry, by string, now time.Time) (ImportSummary, error) {
	checked := make([]Entry, len(entries))
	seen := make(map[string]int, len(entries))
	for i, e := range entries {
		c, err := checkEntry(e)
		if err != nil {
			return ImportSummary{}, invalidItem(i, err)
		}
		if j, dup := seen[c.Question.ID]; dup {
			return ImportSummary{}, invalidItem(i, fmt.Errorf("the question id %s is also item %d's", c.Question.ID, j))
		}
		seen[c.Question.ID] = i
		checked[i] = c
	}
	next := Rehydrate(b.courseID, b.questions, b.updatedAt)
	next.changed = b.changed
	var sum ImportSummary
	for i, e := range checked {
		out, err := next.put(e, by, now)
		if err != nil {
			return ImportSummary{}, invalidItem(i, err)
		}
		switch {
		case out.Created:
			sum.Created++
		case out.Changed:
			sum.Updated++
		default:
			sum.Unchanged++
		}
	}
	*b = *next
	return sum, nil
}

func invalidItem(i int, cause error) *errs.Error {
	reason := cause.Error()
	if e, ok := errs.As(cause); ok {
		reason = e.Message
	}
	e := ErrInvalidImport.With("item", strconv.Itoa(i)).With("reason", reason)
	e.Message = fmt.Sprintf("item %d: %s; nothing was imported", i, reason)
	return e
}

// Pools returns, for each draw, the current versions of the questions it
// may pick: not retired, of its category, tagged with its tag when it has
// one (exam.Content.CheckPools and DrawQuestions take them).
func (b *Bank) Pools(draws []exam.Draw) [][]exam.Candidate {
	pools := make([][]exam.Candidate, len(draws))
	for i, d := range draws {
		for _, q := range b.questions {
			v := q.Current()
			if q.Retired() || v.Entry.Category != d.Category || d.Tag != "" && !slices.Contains(v.Entry.Tags, d.Tag) {
				continue
			}
			pools[i] = append(pools[i], exam.Candidate{Version: v.Number, Question: v.Entry.Question})
		}
	}
	return pools
}

// checkEntry checks the entry and returns it with its tags sorted.
func checkEntry(e Entry) (Entry, error) {
	q, err := exam.CheckQuestion(e.Question)
	if err != nil {
		return Entry{}, err
	}
	bad := func(field, reason string) error {
		err := ErrInvalidEntry.With("question_id", q.ID).With("field", field).With("reason", reason)
		err.Message = "question " + q.ID + ": " + reason
		return err
	}
	if !exam.ValidCategory(e.Category, exam.MaxCategoryLength) {
		return Entry{}, bad("category", "the category must be 1 to 100 characters without surrounding spaces")
	}
	if len(e.Tags) > MaxTags {
		return Entry{}, bad("tags", "at most 20 tags")
	}
	tags := slices.Clone(e.Tags)
	slices.Sort(tags)
	for i, t := range tags {
		if !exam.ValidCategory(t, exam.MaxTagLength) {
			return Entry{}, bad("tags", "each tag must be 1 to 50 characters without surrounding spaces")
		}
		if i > 0 && tags[i-1] == t {
			return Entry{}, bad("tags", "the tag "+t+" is given twice")
		}
	}
	return Entry{Category: e.Category, Tags: tags, Question: q}, nil
}

// sameEntry reports whether two entries say the same: an empty list and no
// list are the same.
func sameEntry(a, b Entry) bool {
	return fmt.Sprintf("%v", a) == fmt.Sprintf("%v", b)
}
