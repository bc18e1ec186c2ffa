package exam

import "slices"

// Content is one version of a test: its settings and its questions, in the
// order the teacher wrote them.
type Content struct {
	Settings  Settings
	Questions []Question
	// Draws are the sections drawn from the course's question bank at the
	// start of each attempt; they follow the fixed questions.
	Draws []Draw
}

// MaxQuestions bounds the questions of a test.
const MaxQuestions = 500

// normalized returns a copy with normalised settings and its own slices, so
// the caller's later changes cannot reach the test.
func (c Content) normalized() Content {
	c.Settings = c.Settings.normalized()
	qs := make([]Question, len(c.Questions))
	for i, q := range c.Questions {
		q.Options = slices.Clone(q.Options)
		q.AcceptedAnswers = slices.Clone(q.AcceptedAnswers)
		q.Pairs, q.Distractors, q.Items = slices.Clone(q.Pairs), slices.Clone(q.Distractors), slices.Clone(q.Items)
		gaps := make([]Gap, len(q.Gaps))
		for j, g := range q.Gaps {
			g.AcceptedAnswers = slices.Clone(g.AcceptedAnswers)
			gaps[j] = g
		}
		if q.Gaps == nil {
			gaps = nil
		}
		q.Gaps = gaps
		qs[i] = q
	}
	c.Questions = qs
	c.Draws = slices.Clone(c.Draws)
	return c
}

// validate checks every text, every question, that their ids are unique,
// and the settings.
func (c Content) validate() error {
	if len(c.Questions) > MaxQuestions {
		return ErrTooManyQuestions
	}
	if err := c.checkText(); err != nil {
		return err
	}
	seen := make(map[string]bool, len(c.Questions))
	for _, q := range c.Questions {
		if err := q.validate(); err != nil {
			return err
		}
		if seen[q.ID] {
			return invalidQuestion(q.ID, "another question has the same id")
		}
		seen[q.ID] = true
	}
	if err := c.validateDraws(); err != nil {
		return err
	}
	return c.Settings.validate(c.MaxScore())
}

// MaxScore is the sum of the questions' points, those each draw will
// draw included.
func (c Content) MaxScore() float64 {
	scores := make([]float64, len(c.Questions), c.Size())
	for i, q := range c.Questions {
		scores[i] = q.Points
	}
	for _, d := range c.Draws {
		for range d.Count {
			scores = append(scores, d.Points)
		}
	}
	return Sum(scores...)
}

// Question returns the question with id.
func (c Content) Question(id string) (Question, bool) {
	i := slices.IndexFunc(c.Questions, func(q Question) bool { return q.ID == id })
	if i < 0 {
		return Question{}, false
	}
	return c.Questions[i], true
}

// HasEssays reports whether any question needs a teacher.
func (c Content) HasEssays() bool {
	return slices.ContainsFunc(c.Questions, func(q Question) bool { return !q.Objective() })
}
