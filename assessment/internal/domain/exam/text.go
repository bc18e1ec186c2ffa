package exam

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

// ErrInvalidText refuses text that is not valid UTF-8 or holds a NUL
// character: no store keeps it faithfully, and no reader expects it. Its
// field "field" names where, as a path such as questions[2].options[0].text.
var ErrInvalidText = errs.New(errs.InvalidArgument, "invalid-text", "text must be valid UTF-8 without NUL characters")

// CheckText refuses s, naming field, when it is not valid UTF-8 or holds a
// NUL character. The API refuses such bodies before they reach the domain;
// the domain refuses them again so no other way in can store them.
func CheckText(field, s string) error {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return nil
	}
	e := ErrInvalidText.With("field", field)
	e.Message = field + ": " + ErrInvalidText.Message
	return e
}

// checkText checks every text of the content: the title, the instructions,
// and each question's prompt, feedback, options, accepted answers, pattern,
// pairs, distractors, items and gaps.
func (c Content) checkText() error {
	if err := CheckText("title", c.Settings.Title); err != nil {
		return err
	}
	if err := CheckText("instructions", c.Settings.Instructions); err != nil {
		return err
	}
	for i, q := range c.Questions {
		if err := q.checkText(fmt.Sprintf("questions[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (q Question) checkText(path string) error {
	texts := []struct{ field, s string }{
		{path + ".id", q.ID}, {path + ".prompt", q.Prompt}, {path + ".feedback", q.Feedback}, {path + ".pattern", q.Pattern},
	}
	for j, o := range q.Options {
		texts = append(texts,
			struct{ field, s string }{fmt.Sprintf("%s.options[%d].id", path, j), o.ID},
			struct{ field, s string }{fmt.Sprintf("%s.options[%d].text", path, j), o.Text})
	}
	add := func(field, s string) { texts = append(texts, struct{ field, s string }{field, s}) }
	for j, a := range q.AcceptedAnswers {
		add(fmt.Sprintf("%s.accepted_answers[%d]", path, j), a)
	}
	for j, p := range q.Pairs {
		add(fmt.Sprintf("%s.pairs[%d].id", path, j), p.ID)
		add(fmt.Sprintf("%s.pairs[%d].prompt", path, j), p.Prompt)
		add(fmt.Sprintf("%s.pairs[%d].answer", path, j), p.Answer)
	}
	for j, d := range q.Distractors {
		add(fmt.Sprintf("%s.distractors[%d]", path, j), d)
	}
	for j, it := range q.Items {
		add(fmt.Sprintf("%s.correct_order[%d]", path, j), it)
	}
	for j, g := range q.Gaps {
		add(fmt.Sprintf("%s.gaps[%d].id", path, j), g.ID)
		for k, a := range g.AcceptedAnswers {
			add(fmt.Sprintf("%s.gaps[%d].accepted_answers[%d]", path, j, k), a)
		}
	}
	for _, t := range texts {
		if err := CheckText(t.field, t.s); err != nil {
			return err
		}
	}
	return nil
}
