package exam

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lms/shared/errs"
)

// Errors of a regrade.
var (
	ErrRegradeReason   = errs.New(errs.InvalidArgument, "regrade-reason-required", "a regrade needs a reason").With("field", "reason")
	ErrInvalidFix      = errs.New(errs.InvalidArgument, "invalid-question-fix", "a regrade changes only a question's key, tolerance or points")
	ErrRegradeNotFound = errs.New(errs.NotFound, "regrade-not-found", "the test has no such regrade")
)

// MaxRegradeReasonLength bounds a regrade's reason, in characters.
const MaxRegradeReasonLength = 1000

// RegradeStatus is where a regrade of a test's attempts is.
type RegradeStatus string

// The statuses of a regrade.
const (
	RegradeRunning RegradeStatus = "running"
	RegradeDone    RegradeStatus = "done"
)

// Regrade is a teacher's fix of one question of a published test (its key,
// tolerance or points), applied to every attempt at every version that has
// the question, and from then on to every attempt graded.
type Regrade struct {
	ID         string
	Question   Question // the question as fixed
	Previous   Question // the question before the fix, in the latest version holding it
	By, Reason string
	At         time.Time
	Status     RegradeStatus
	// Seen and Changed count the attempts handled and those whose score
	// changed; known once Done.
	Seen, Changed int
	FinishedAt    time.Time
}

// RegradeStarted says a regrade of the test was recorded; its workflow
// applies it to the test's attempts.
type RegradeStarted struct {
	RegradeID, TestID, CourseID string
	At                          time.Time
}

func (RegradeStarted) isTestEvent() {}

// Regrades returns the test's regrades, oldest first.
func (t *Test) Regrades() []Regrade { return slices.Clone(t.regrades) }

// Regrade returns the regrade with id, or ErrRegradeNotFound.
func (t *Test) Regrade(id string) (Regrade, error) {
	i := slices.IndexFunc(t.regrades, func(r Regrade) bool { return r.ID == id })
	if i < 0 {
		return Regrade{}, ErrRegradeNotFound
	}
	return t.regrades[i], nil
}

// Fix records a regrade: q replaces the question with its id in every
// version for grading. q must keep what students saw (kind, prompt, options,
// pairs, items and gaps); only the key, the tolerance, the points and the
// feedback may change. The test must be published.
func (t *Test) Fix(id string, q Question, by, reason string, now time.Time) error {
	fixed, prev, err := t.checkFix(q, reason)
	if err != nil {
		return err
	}
	now = now.UTC()
	t.regrades = append(t.regrades, Regrade{
		ID: id, Question: fixed, Previous: prev, By: by, Reason: strings.TrimSpace(reason), At: now, Status: RegradeRunning,
	})
	t.updatedAt = now
	t.events = append(t.events, RegradeStarted{RegradeID: id, TestID: t.id, CourseID: t.courseID, At: now})
	return nil
}

// Preview returns a copy of the test with the fix recorded as id, changing
// nothing of t: a dry run grades with it.
func (t *Test) Preview(id string, q Question, by, reason string, now time.Time) (*Test, error) {
	c := Rehydrate(t.Snapshot())
	if err := c.Fix(id, q, by, reason, now); err != nil {
		return nil, err
	}
	c.events = nil
	return c, nil
}

// FinishRegrade records that regrade id has been applied to every attempt;
// it reports false when it was recorded already.
func (t *Test) FinishRegrade(id string, seen, changed int, now time.Time) (bool, error) {
	i := slices.IndexFunc(t.regrades, func(r Regrade) bool { return r.ID == id })
	if i < 0 {
		return false, ErrRegradeNotFound
	}
	r := &t.regrades[i]
	if r.Status == RegradeDone {
		return false, nil
	}
	r.Status, r.Seen, r.Changed, r.FinishedAt = RegradeDone, seen, changed, now.UTC()
	return true, nil
}

// GradingVersion returns version n as attempts on it are graded: with every
// regrade's fix of a question it holds, in the order they were made.
func (t *Test) GradingVersion(n int) (Version, error) {
	return t.gradingVersion(n, len(t.regrades))
}

// GradingVersionAt is GradingVersion with the fixes up to and including
// regrade id only, so a regrade's page grades the same however many later
// regrades were recorded meanwhile.
func (t *Test) GradingVersionAt(n int, id string) (Version, error) {
	i := slices.IndexFunc(t.regrades, func(r Regrade) bool { return r.ID == id })
	if i < 0 {
		return Version{}, ErrRegradeNotFound
	}
	return t.gradingVersion(n, i+1)
}

func (t *Test) gradingVersion(n, upTo int) (Version, error) {
	v, err := t.Version(n)
	if err != nil {
		return Version{}, err
	}
	if upTo == 0 {
		return v, nil
	}
	v.Content = v.Content.normalized() // its own slices
	for _, r := range t.regrades[:upTo] {
		for i, q := range v.Content.Questions {
			if q.ID == r.Question.ID && q.Kind == r.Question.Kind {
				v.Content.Questions[i] = r.Question
			}
		}
	}
	return v, nil
}

// checkFix validates a fix and returns it normalised with the question it
// replaces.
func (t *Test) checkFix(q Question, reason string) (Question, Question, error) {
	if !t.published {
		return Question{}, Question{}, ErrNotPublished
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Question{}, Question{}, ErrRegradeReason
	}
	if err := CheckText("reason", reason); err != nil {
		return Question{}, Question{}, err
	}
	if utf8.RuneCountInString(reason) > MaxRegradeReasonLength {
		return Question{}, Question{}, ErrRegradeReason.With("reason", "too long")
	}
	var prev Question
	found := false
	for _, v := range t.versions {
		if p, ok := v.Content.Question(q.ID); ok {
			prev, found = p, true
		}
	}
	if !found {
		return Question{}, Question{}, ErrUnknownQuestion.With("question_id", q.ID)
	}
	c := Content{Questions: []Question{q}}.normalized()
	q = c.Questions[0]
	if err := c.checkText(); err != nil {
		return Question{}, Question{}, err
	}
	if err := q.validate(); err != nil {
		return Question{}, Question{}, err
	}
	if why := sameFace(prev, q); why != "" {
		e := ErrInvalidFix.With("question_id", q.ID).With("reason", why)
		e.Message = "question " + q.ID + ": " + why
		return Question{}, Question{}, e
	}
	return q, prev, nil
}

// sameFace tells what of a question students saw a fix would change, or "".
func sameFace(a, b Question) string {
	switch {
	case a.Kind != b.Kind:
		return "the kind cannot change"
	case a.Prompt != b.Prompt:
		return "the prompt cannot change"
	case !slices.EqualFunc(a.Options, b.Options, func(x, y Option) bool { return x.ID == y.ID && x.Text == y.Text }):
		return "the options cannot change, only which are correct"
	case !slices.EqualFunc(a.Pairs, b.Pairs, func(x, y Pair) bool { return x.ID == y.ID && x.Prompt == y.Prompt }):
		return "the pairs' prompts cannot change, only their answers"
	case !sameSet(a.Items, b.Items):
		return "the items cannot change, only their order"
	case !slices.EqualFunc(a.Gaps, b.Gaps, func(x, y Gap) bool { return x.ID == y.ID }):
		return "the gaps cannot change, only their accepted answers"
	}
	return ""
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
