package query

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
	"lms/shared/errs"
)

// Pages of the list of a test's attempts.
const (
	// DefaultAttemptPageSize is the page size when none is asked for.
	DefaultAttemptPageSize = 100
	// MaxAttemptPageSize is the largest page one may ask for.
	MaxAttemptPageSize = 500
)

// Refusals of a malformed request for a page of attempts.
var (
	ErrAttemptPageSize = errs.New(errs.InvalidArgument, "invalid-page-size",
		fmt.Sprintf("page_size must be a whole number from 1 to %d", MaxAttemptPageSize)).With("field", "page_size")
	ErrAttemptPageToken = errs.New(errs.InvalidArgument, "invalid-page-token",
		"page_token is not one this service issued").With("field", "page_token")
	ErrAttemptState = errs.Invalid("state", "state must be in_progress, submitted, needs_review or graded")
)

// AttemptSummaries reads the summaries of a test's attempts a page at a
// time, ordered by student and number: the list teachers read, kept apart
// from the attempts so that reading thousands does not read their answers.
type AttemptSummaries interface {
	// PageByTest returns up to p.Limit summaries of the test's attempts
	// after p.After (all from the first when zero), in p.State only when
	// set.
	PageByTest(ctx context.Context, testID string, p AttemptPage) ([]attempt.Summary, error)
}

// AttemptPage selects a page of a test's attempts.
type AttemptPage struct {
	// State keeps only attempts in this state when set.
	State attempt.State
	// After is where the previous page ended; zero for the first page.
	After AttemptCursor
	Limit int
}

// AttemptCursor is a place in the list of a test's attempts: after the
// attempt of this student with this number.
type AttemptCursor struct {
	StudentID string `json:"s"`
	Number    int    `json:"n"`
}

// IsZero reports whether the cursor is the start of the list.
func (c AttemptCursor) IsZero() bool { return c == AttemptCursor{} }

// Holds reports whether the attempt belongs on the page: in its state, if
// it names one, and after its cursor in the list's order.
func (p AttemptPage) Holds(a *attempt.Attempt) bool {
	c, student, number := p.After, a.StudentID(), a.Number()
	after := c.IsZero() || student > c.StudentID || student == c.StudentID && number > c.Number
	return after && (p.State == "" || a.State() == p.State)
}

// Select returns the summaries of the page's attempts among list (in the
// list's order), at most Limit of them: a page read from the attempts
// themselves.
func (p AttemptPage) Select(list []*attempt.Attempt) []attempt.Summary {
	var out []attempt.Summary
	for _, a := range list {
		if len(out) == p.Limit {
			break
		}
		if p.Holds(a) {
			out = append(out, a.Summary())
		}
	}
	return out
}

// ListAttemptsInput asks for a page of the attempts at a test.
type ListAttemptsInput struct {
	Caller caller.Caller
	TestID string
	// State keeps only attempts in this state when set.
	State string
	// PageSize is how many attempts a page holds at most; 0 for
	// DefaultAttemptPageSize.
	PageSize int
	// PageToken is the previous page's NextPageToken; empty for the
	// first page.
	PageToken string
}

// page checks q and returns the page it asks for, one attempt longer than
// its size (to know whether another page follows).
func (q ListAttemptsInput) page() (AttemptPage, error) {
	p := AttemptPage{Limit: q.PageSize}
	if p.Limit == 0 {
		p.Limit = DefaultAttemptPageSize
	}
	if p.Limit < 1 || p.Limit > MaxAttemptPageSize {
		return AttemptPage{}, ErrAttemptPageSize
	}
	p.Limit++
	if q.State != "" {
		st, ok := attempt.ParseState(q.State)
		if !ok {
			return AttemptPage{}, ErrAttemptState
		}
		p.State = st
	}
	if q.PageToken != "" {
		b, err := base64.RawURLEncoding.DecodeString(q.PageToken)
		if err != nil || json.Unmarshal(b, &p.After) != nil || p.After.StudentID == "" || p.After.Number < 1 {
			return AttemptPage{}, ErrAttemptPageToken
		}
	}
	return p, nil
}

// token is the page token of the place after the attempt s.
func token(s attempt.Summary) string {
	b, _ := json.Marshal(AttemptCursor{StudentID: s.StudentID, Number: s.Number}) //nolint:errchkjson // a string and an int
	return base64.RawURLEncoding.EncodeToString(b)
}

// AttemptLine is one attempt of a list as one reader sees it.
type AttemptLine struct {
	Summary attempt.Summary
	// ResultsVisible is true when the reader may see the score: always
	// for a teacher, for the student once graded and shown.
	ResultsVisible bool
}

// AttemptList is a page of the attempts at a test one reader may see.
type AttemptList struct {
	Attempts []AttemptLine
	Audience Audience
	// NextPageToken asks for the next page; empty on the last.
	NextPageToken string
	// Policy is the test's scoring policy; Counted is the student's score
	// under it over the graded attempts whose results are shown, and
	// HasCounted says whether there is one. Both are for a student's list,
	// and count all her attempts, not only the page's.
	Policy     exam.ScoringPolicy
	Counted    float64
	HasCounted bool
}

// ListAttempts lists the attempts at a test, a page at a time: every student's
// for a teacher of its course, from the attempts' summaries, and their own
// for a student of it.
type ListAttempts struct {
	tests     exam.Repository
	attempts  attempt.Repository
	summaries AttemptSummaries
	policy    access.Policy
	clock     port.Clock
}

// NewListAttempts returns the ListAttempts use case.
func NewListAttempts(tests exam.Repository, attempts attempt.Repository, summaries AttemptSummaries, policy access.Policy, clock port.Clock) *ListAttempts {
	return &ListAttempts{tests: tests, attempts: attempts, summaries: summaries, policy: policy, clock: clock}
}

// Handle runs the use case.
func (h *ListAttempts) Handle(ctx context.Context, q ListAttemptsInput) (AttemptList, error) {
	c := q.Caller
	p, err := q.page()
	if err != nil {
		return AttemptList{}, err
	}
	t, err := h.tests.Get(ctx, q.TestID)
	if err != nil {
		return AttemptList{}, err
	}
	aud, err := audience(ctx, h.policy, c, t)
	if err != nil {
		return AttemptList{}, err
	}
	out := AttemptList{Audience: aud, Policy: t.Current().Content.Settings.Scoring}
	var lines []AttemptLine
	if aud == AsTeacher {
		page, err := h.summaries.PageByTest(ctx, q.TestID, p)
		if err != nil {
			return AttemptList{}, fmt.Errorf("attempts at %s: %w", q.TestID, err)
		}
		for _, s := range page {
			lines = append(lines, AttemptLine{Summary: s, ResultsVisible: true})
		}
	} else if lines, err = h.ownAttempts(ctx, c, t, p, &out); err != nil {
		return AttemptList{}, err
	}
	if size := p.Limit - 1; len(lines) > size {
		lines = lines[:size]
		out.NextPageToken = token(lines[size-1].Summary)
	}
	out.Attempts = lines
	return out, nil
}

// ownAttempts returns the student's own attempts at the test on page p
// (all that follow its cursor in its state; the caller cuts them to size),
// and counts her score over all of them into out.
func (h *ListAttempts) ownAttempts(ctx context.Context, c caller.Caller, t *exam.Test, p AttemptPage, out *AttemptList) ([]AttemptLine, error) {
	list, err := h.attempts.ListByStudent(ctx, t.ID(), c.UserID)
	if err != nil {
		return nil, fmt.Errorf("attempts at %s: %w", t.ID(), err)
	}
	var (
		lines  []AttemptLine
		scores []float64
	)
	for _, a := range list {
		v, err := view(h.clock, a, t, AsStudent)
		if err != nil {
			return nil, err
		}
		if v.ResultsVisible {
			scores = append(scores, a.Score())
		}
		if p.Holds(a) {
			lines = append(lines, AttemptLine{Summary: a.Summary(), ResultsVisible: v.ResultsVisible})
		}
	}
	out.Counted, out.HasCounted = out.Policy.Combine(scores)
	return lines, nil
}
