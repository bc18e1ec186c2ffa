package mongo

import (
	"slices"
	"time"

	"lms/assessment/internal/domain/exam"
)

// testDoc is a test as stored: every version in one document, so an edit is
// one atomic write.
type testDoc struct {
	ID          string       `bson:"_id"`
	CourseID    string       `bson:"course_id"`
	AuthorID    string       `bson:"author_id"`
	Versions    []versionDoc `bson:"versions"`
	InUse       []int        `bson:"in_use"`
	Published   bool         `bson:"published"`
	PublishedAt *time.Time   `bson:"published_at"`
	ReleasedAt  *time.Time   `bson:"released_at"`
	DeletedAt   *time.Time   `bson:"deleted_at"`
	CreatedAt   time.Time    `bson:"created_at"`
	UpdatedAt   time.Time    `bson:"updated_at"`
	// Regrades are the test's fixed questions, oldest first.
	Regrades []regradeRecordDoc `bson:"regrades,omitempty"`
	Rev      int64              `bson:"rev"`
}

type versionDoc struct {
	Number    int           `bson:"number"`
	CreatedAt time.Time     `bson:"created_at"`
	Settings  settingsDoc   `bson:"settings"`
	Questions []questionDoc `bson:"questions"`
	Draws     []drawDoc     `bson:"draws,omitempty"`
}

// drawDoc is a section of a version that draws from the course's bank.
type drawDoc struct {
	ID       string  `bson:"id"`
	Category string  `bson:"category"`
	Tag      string  `bson:"tag,omitempty"`
	Count    int     `bson:"count"`
	Points   float64 `bson:"points"`
}

type settingsDoc struct {
	Title            string     `bson:"title"`
	Instructions     string     `bson:"instructions"`
	TimeLimitSeconds int64      `bson:"time_limit_seconds"`
	MaxAttempts      int        `bson:"max_attempts"`
	Scoring          string     `bson:"scoring"`
	Opens            *time.Time `bson:"opens"`
	Closes           *time.Time `bson:"closes"`
	LateAccept       bool       `bson:"late_accept"`
	LatePenalty      float64    `bson:"late_penalty_percent"`
	LateUntil        *time.Time `bson:"late_until"`
	PassingScore     float64    `bson:"passing_score"`
	ShuffleQuestions bool       `bson:"shuffle_questions"`
	ShuffleOptions   bool       `bson:"shuffle_options"`
	Results          string     `bson:"results"`
}

type questionDoc struct {
	ID              string      `bson:"id"`
	Kind            string      `bson:"kind"`
	Prompt          string      `bson:"prompt"`
	Points          float64     `bson:"points"`
	Feedback        string      `bson:"feedback,omitempty"`
	Options         []optionDoc `bson:"options,omitempty"`
	PartialCredit   bool        `bson:"partial_credit,omitempty"`
	Truth           bool        `bson:"truth,omitempty"`
	AcceptedAnswers []string    `bson:"accepted_answers,omitempty"`
	Pattern         string      `bson:"pattern,omitempty"`
	Value           float64     `bson:"value,omitempty"`
	Tolerance       float64     `bson:"tolerance,omitempty"`
	Pairs           []pairDoc   `bson:"pairs,omitempty"`
	Distractors     []string    `bson:"distractors,omitempty"`
	Items           []string    `bson:"items,omitempty"`
	Gaps            []gapDoc    `bson:"gaps,omitempty"`
}

type pairDoc struct {
	ID     string `bson:"id"`
	Prompt string `bson:"prompt"`
	Answer string `bson:"answer"`
}

type gapDoc struct {
	ID              string   `bson:"id"`
	AcceptedAnswers []string `bson:"accepted_answers"`
	CaseSensitive   bool     `bson:"case_sensitive"`
	Trim            bool     `bson:"trim"`
}

type optionDoc struct {
	ID      string `bson:"id"`
	Text    string `bson:"text"`
	Correct bool   `bson:"correct"`
}

func fromTest(t *exam.Test) testDoc {
	s := t.Snapshot()
	d := testDoc{
		ID: s.ID, CourseID: s.CourseID, AuthorID: s.AuthorID, Published: s.Published,
		PublishedAt: timePtr(s.PublishedAt), ReleasedAt: timePtr(s.ReleasedAt), DeletedAt: timePtr(s.DeletedAt),
		CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(), InUse: []int{},
		Regrades: fromRegrades(s.Regrades),
	}
	for _, v := range s.Versions {
		d.Versions = append(d.Versions, fromVersion(v))
		if v.InUse {
			d.InUse = append(d.InUse, v.Number)
		}
	}
	return d
}

func fromVersion(v exam.Version) versionDoc {
	s := v.Content.Settings
	d := versionDoc{Number: v.Number, CreatedAt: v.CreatedAt.UTC(), Settings: settingsDoc{
		Title: s.Title, Instructions: s.Instructions, TimeLimitSeconds: int64(s.TimeLimit / time.Second),
		MaxAttempts: s.MaxAttempts, Scoring: string(s.Scoring), Opens: timePtr(s.Opens), Closes: timePtr(s.Closes),
		LateAccept: s.Late.Accept, LatePenalty: s.Late.PenaltyPercent, LateUntil: timePtr(s.Late.Until),
		PassingScore: s.PassingScore, ShuffleQuestions: s.ShuffleQuestions, ShuffleOptions: s.ShuffleOptions,
		Results: string(s.Results),
	}, Questions: []questionDoc{}}
	for _, q := range v.Content.Questions {
		qd := questionDoc{
			ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, Points: q.Points, Feedback: q.Feedback,
			PartialCredit: q.PartialCredit, Truth: q.Truth, AcceptedAnswers: q.AcceptedAnswers,
			Pattern: q.Pattern, Value: q.Value, Tolerance: q.Tolerance, Distractors: q.Distractors, Items: q.Items,
		}
		for _, o := range q.Options {
			qd.Options = append(qd.Options, optionDoc(o))
		}
		for _, p := range q.Pairs {
			qd.Pairs = append(qd.Pairs, pairDoc(p))
		}
		for _, g := range q.Gaps {
			qd.Gaps = append(qd.Gaps, gapDoc(g))
		}
		d.Questions = append(d.Questions, qd)
	}
	for _, x := range v.Content.Draws {
		d.Draws = append(d.Draws, drawDoc(x))
	}
	return d
}

func (d testDoc) toDomain() *exam.Test {
	s := exam.Snapshot{
		ID: d.ID, CourseID: d.CourseID, AuthorID: d.AuthorID, Published: d.Published,
		PublishedAt: timeOf(d.PublishedAt), ReleasedAt: timeOf(d.ReleasedAt), DeletedAt: timeOf(d.DeletedAt),
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(), Regrades: toRegrades(d.Regrades),
	}
	for _, v := range d.Versions {
		s.Versions = append(s.Versions, v.toDomain(slices.Contains(d.InUse, v.Number)))
	}
	return exam.Rehydrate(s)
}

func (d versionDoc) toDomain(inUse bool) exam.Version {
	s := d.Settings
	c := exam.Content{Settings: exam.Settings{
		Title: s.Title, Instructions: s.Instructions, TimeLimit: time.Duration(s.TimeLimitSeconds) * time.Second,
		MaxAttempts: s.MaxAttempts, Scoring: exam.ScoringPolicy(s.Scoring), Opens: timeOf(s.Opens), Closes: timeOf(s.Closes),
		Late:         exam.LatePolicy{Accept: s.LateAccept, PenaltyPercent: s.LatePenalty, Until: timeOf(s.LateUntil)},
		PassingScore: s.PassingScore, ShuffleQuestions: s.ShuffleQuestions, ShuffleOptions: s.ShuffleOptions,
		Results: exam.ResultsVisibility(s.Results),
	}}
	for _, q := range d.Questions {
		tq := exam.Question{
			ID: q.ID, Kind: exam.Kind(q.Kind), Prompt: q.Prompt, Points: q.Points, Feedback: q.Feedback,
			PartialCredit: q.PartialCredit, Truth: q.Truth, AcceptedAnswers: q.AcceptedAnswers,
			Pattern: q.Pattern, Value: q.Value, Tolerance: q.Tolerance, Distractors: q.Distractors, Items: q.Items,
		}
		for _, o := range q.Options {
			tq.Options = append(tq.Options, exam.Option(o))
		}
		for _, p := range q.Pairs {
			tq.Pairs = append(tq.Pairs, exam.Pair(p))
		}
		for _, g := range q.Gaps {
			tq.Gaps = append(tq.Gaps, exam.Gap(g))
		}
		c.Questions = append(c.Questions, tq)
	}
	for _, x := range d.Draws {
		c.Draws = append(c.Draws, exam.Draw(x))
	}
	return exam.Version{Number: d.Number, Content: c, InUse: inUse, CreatedAt: d.CreatedAt.UTC()}
}
