package http

import (
	"time"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
)

// testBody is the test a teacher writes: its settings and questions.
type testBody struct {
	CourseID          string         `json:"course_id"`
	Title             string         `json:"title"`
	Instructions      string         `json:"instructions"`
	TimeLimitSeconds  int64          `json:"time_limit_seconds"`
	MaxAttempts       int            `json:"max_attempts"`
	ScoringPolicy     string         `json:"scoring_policy"`
	OpensAt           *time.Time     `json:"opens_at"`
	ClosesAt          *time.Time     `json:"closes_at"`
	LatePolicy        *latePolicy    `json:"late_policy"`
	PassingScore      float64        `json:"passing_score"`
	ShuffleQuestions  bool           `json:"shuffle_questions"`
	ShuffleOptions    bool           `json:"shuffle_options"`
	ResultsVisibility string         `json:"results_visibility"`
	Questions         []questionBody `json:"questions"`
	Draws             []drawBody     `json:"draws"`
}

type latePolicy struct {
	Accept         bool       `json:"accept"`
	PenaltyPercent float64    `json:"penalty_percent"`
	Until          *time.Time `json:"until"`
}

// questionBody is a question with its answer key, as teachers write and
// read it.
type questionBody struct {
	ID              string       `json:"id"`
	Kind            string       `json:"kind"`
	Prompt          string       `json:"prompt"`
	Points          float64      `json:"points"`
	Feedback        string       `json:"feedback,omitempty"`
	Options         []optionBody `json:"options,omitempty"`
	PartialCredit   bool         `json:"partial_credit,omitempty"`
	Correct         *bool        `json:"correct,omitempty"`
	AcceptedAnswers []string     `json:"accepted_answers,omitempty"`
	Pattern         string       `json:"pattern,omitempty"`
	Value           *float64     `json:"value,omitempty"`
	Tolerance       *float64     `json:"tolerance,omitempty"`
	Pairs           []pairBody   `json:"pairs,omitempty"`
	Distractors     []string     `json:"distractors,omitempty"`
	CorrectOrder    []string     `json:"correct_order,omitempty"`
	Gaps            []gapBody    `json:"gaps,omitempty"`
}

// pairBody is one prompt of a matching question with its answer.
type pairBody struct {
	ID     string `json:"id"`
	Prompt string `json:"prompt"`
	Answer string `json:"answer"`
}

// gapBody is one gap of a fill-in-the-blanks question. Trim is on unless
// the teacher turns it off.
type gapBody struct {
	ID              string   `json:"id"`
	AcceptedAnswers []string `json:"accepted_answers"`
	CaseSensitive   bool     `json:"case_sensitive"`
	Trim            *bool    `json:"trim"`
}

type optionBody struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
}

func (b testBody) content() exam.Content {
	s := exam.Settings{
		Title: b.Title, Instructions: b.Instructions, TimeLimit: time.Duration(b.TimeLimitSeconds) * time.Second,
		MaxAttempts: b.MaxAttempts, Scoring: exam.ScoringPolicy(b.ScoringPolicy),
		Opens: deref(b.OpensAt), Closes: deref(b.ClosesAt), PassingScore: b.PassingScore,
		ShuffleQuestions: b.ShuffleQuestions, ShuffleOptions: b.ShuffleOptions, Results: exam.ResultsVisibility(b.ResultsVisibility),
	}
	if l := b.LatePolicy; l != nil {
		s.Late = exam.LatePolicy{Accept: l.Accept, PenaltyPercent: l.PenaltyPercent, Until: deref(l.Until)}
	}
	c := exam.Content{Settings: s}
	for _, q := range b.Questions {
		c.Questions = append(c.Questions, q.question())
	}
	for _, d := range b.Draws {
		c.Draws = append(c.Draws, exam.Draw(d))
	}
	return c
}

// question is the question as the domain holds it.
func (q questionBody) question() exam.Question {
	tq := exam.Question{
		ID: q.ID, Kind: exam.Kind(q.Kind), Prompt: q.Prompt, Points: q.Points, Feedback: q.Feedback,
		PartialCredit: q.PartialCredit, AcceptedAnswers: q.AcceptedAnswers, Pattern: q.Pattern,
	}
	if q.Correct != nil {
		tq.Truth = *q.Correct
	}
	if q.Value != nil {
		tq.Value = *q.Value
	}
	if q.Tolerance != nil {
		tq.Tolerance = *q.Tolerance
	}
	for _, o := range q.Options {
		tq.Options = append(tq.Options, exam.Option(o))
	}
	tq.Distractors, tq.Items = q.Distractors, q.CorrectOrder
	for _, p := range q.Pairs {
		tq.Pairs = append(tq.Pairs, exam.Pair(p))
	}
	for _, g := range q.Gaps {
		tq.Gaps = append(tq.Gaps, exam.Gap{ID: g.ID, AcceptedAnswers: g.AcceptedAnswers, CaseSensitive: g.CaseSensitive, Trim: g.Trim == nil || *g.Trim})
	}
	return tq
}

// drawBody is a section of a test that draws questions at random from a
// category of the course's bank at the start of each attempt.
type drawBody struct {
	ID       string  `json:"id"`
	Category string  `json:"category"`
	Tag      string  `json:"tag,omitempty"`
	Count    int     `json:"count"`
	Points   float64 `json:"points"`
}

// teacherTest is a test as its teachers read it, answer key included.
type teacherTest struct {
	ID                string         `json:"id"`
	CourseID          string         `json:"course_id"`
	AuthorID          string         `json:"author_id"`
	Version           int            `json:"version"`
	Published         bool           `json:"published"`
	PublishedAt       *time.Time     `json:"published_at"`
	ResultsReleasedAt *time.Time     `json:"results_released_at"`
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`
	MaxScore          float64        `json:"max_score"`
	Versions          []versionInfo  `json:"versions"`
	Settings          settingsView   `json:"settings"`
	Questions         []questionBody `json:"questions"`
	Draws             []drawBody     `json:"draws"`
	ResultsVisibleNow bool           `json:"results_visible_now"`
}

type versionInfo struct {
	Number    int       `json:"number"`
	InUse     bool      `json:"in_use"`
	CreatedAt time.Time `json:"created_at"`
}

// settingsView is what both teachers and students may read of a test.
type settingsView struct {
	Title             string      `json:"title"`
	Instructions      string      `json:"instructions"`
	TimeLimitSeconds  int64       `json:"time_limit_seconds"`
	MaxAttempts       int         `json:"max_attempts"`
	ScoringPolicy     string      `json:"scoring_policy"`
	OpensAt           *time.Time  `json:"opens_at"`
	ClosesAt          *time.Time  `json:"closes_at"`
	LatePolicy        *latePolicy `json:"late_policy"`
	PassingScore      float64     `json:"passing_score"`
	ShuffleQuestions  bool        `json:"shuffle_questions"`
	ShuffleOptions    bool        `json:"shuffle_options"`
	ResultsVisibility string      `json:"results_visibility"`
}

// studentTest is a published test as its students read it: its settings
// and size, never its questions (they come with an attempt) or its key.
type studentTest struct {
	ID             string       `json:"id"`
	CourseID       string       `json:"course_id"`
	Version        int          `json:"version"`
	PublishedAt    *time.Time   `json:"published_at"`
	MaxScore       float64      `json:"max_score"`
	QuestionCount  int          `json:"question_count"`
	Settings       settingsView `json:"settings"`
	ResultsVisible bool         `json:"results_visible"`
	// Accommodation is the student's own terms at the test, already
	// applied to Settings; absent when she has none.
	Accommodation *termsView `json:"accommodation,omitempty"`
}

func viewSettings(s exam.Settings) settingsView {
	v := settingsView{
		Title: s.Title, Instructions: s.Instructions, TimeLimitSeconds: int64(s.TimeLimit / time.Second),
		MaxAttempts: s.MaxAttempts, ScoringPolicy: string(s.Scoring), OpensAt: ptr(s.Opens), ClosesAt: ptr(s.Closes),
		PassingScore: s.PassingScore, ShuffleQuestions: s.ShuffleQuestions, ShuffleOptions: s.ShuffleOptions,
		ResultsVisibility: string(s.Results),
	}
	if s.Late.Accept {
		v.LatePolicy = &latePolicy{Accept: true, PenaltyPercent: s.Late.PenaltyPercent, Until: ptr(s.Late.Until)}
	}
	return v
}

func viewTeacherTest(t *exam.Test, now time.Time) teacherTest {
	cur := t.Current()
	v := teacherTest{
		ID: t.ID(), CourseID: t.CourseID(), AuthorID: t.AuthorID(), Version: cur.Number, Published: t.Published(),
		PublishedAt: ptr(t.PublishedAt()), ResultsReleasedAt: ptr(t.ReleasedAt()), CreatedAt: t.CreatedAt(), UpdatedAt: t.UpdatedAt(),
		MaxScore: cur.Content.MaxScore(), Settings: viewSettings(cur.Content.Settings), Questions: []questionBody{},
		Draws: []drawBody{}, ResultsVisibleNow: t.ResultsVisible(now),
	}
	for _, d := range cur.Content.Draws {
		v.Draws = append(v.Draws, drawBody(d))
	}
	for _, ver := range t.Versions() {
		v.Versions = append(v.Versions, versionInfo{Number: ver.Number, InUse: ver.InUse, CreatedAt: ver.CreatedAt})
	}
	for _, q := range cur.Content.Questions {
		v.Questions = append(v.Questions, viewKeyedQuestion(q))
	}
	return v
}

func viewKeyedQuestion(q exam.Question) questionBody {
	b := questionBody{
		ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, Points: q.Points, Feedback: q.Feedback,
		PartialCredit: q.PartialCredit, AcceptedAnswers: q.AcceptedAnswers, Pattern: q.Pattern,
	}
	switch q.Kind {
	case exam.TrueFalse:
		b.Correct = &q.Truth
	case exam.Numeric:
		b.Value, b.Tolerance = &q.Value, &q.Tolerance
	}
	for _, o := range q.Options {
		b.Options = append(b.Options, optionBody(o))
	}
	b.Distractors, b.CorrectOrder = q.Distractors, q.Items
	for _, p := range q.Pairs {
		b.Pairs = append(b.Pairs, pairBody(p))
	}
	for _, g := range q.Gaps {
		b.Gaps = append(b.Gaps, gapBody{ID: g.ID, AcceptedAnswers: g.AcceptedAnswers, CaseSensitive: g.CaseSensitive, Trim: &g.Trim})
	}
	return b
}

func viewStudentTest(t *exam.Test, terms accommodation.Terms, now time.Time) studentTest {
	cur := t.Current()
	v := studentTest{
		ID: t.ID(), CourseID: t.CourseID(), Version: cur.Number, PublishedAt: ptr(t.PublishedAt()),
		MaxScore: cur.Content.MaxScore(), QuestionCount: cur.Content.Size(),
		Settings: viewSettings(terms.Apply(cur.Content.Settings)), ResultsVisible: t.ResultsVisible(now),
	}
	if !terms.IsZero() {
		tv := viewTerms(terms)
		v.Accommodation = &tv
	}
	return v
}

func ptr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
