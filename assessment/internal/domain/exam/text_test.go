package exam_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func TestNew_RefusesNULAndInvalidUTF8NamingTheField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		field  string
		change func(*exam.Content, string)
	}{
		{"title", func(c *exam.Content, s string) { c.Settings.Title = s }},
		{"instructions", func(c *exam.Content, s string) { c.Settings.Instructions = s }},
		{"questions[1].prompt", func(c *exam.Content, s string) { c.Questions[1].Prompt = s }},
		{"questions[2].feedback", func(c *exam.Content, s string) { c.Questions[2].Feedback = s }},
		{"questions[0].options[2].text", func(c *exam.Content, s string) { c.Questions[0].Options[2].Text = s }},
		{"questions[2].accepted_answers[1]", func(c *exam.Content, s string) {
			c.Questions[2] = exam.Question{ID: "q3", Kind: exam.ShortText, Prompt: "?", Points: 5, AcceptedAnswers: []string{"ok", s}}
		}},
		{"questions[2].pattern", func(c *exam.Content, s string) {
			c.Questions[2] = exam.Question{ID: "q3", Kind: exam.ShortText, Prompt: "?", Points: 5, Pattern: s}
		}},
	}
	for _, tc := range cases {
		for name, bad := range map[string]string{"NUL": "a\x00b", "invalid UTF-8": "a\xffb"} {
			t.Run(tc.field+" "+name, func(t *testing.T) {
				t.Parallel()
				c := sample()
				tc.change(&c, bad)
				_, err := exam.New("t1", "c1", "teacher", c, t0)
				requireField(t, err, "invalid-text", tc.field)
				tt, err := exam.New("t1", "c1", "teacher", sample(), t0)
				require.NoError(t, err)
				requireField(t, tt.Edit(c, t0), "invalid-text", tc.field)
				require.Equal(t, sample().Settings.Title, tt.Current().Content.Settings.Title, "nothing changed")
			})
		}
	}
}

func TestAnswer_RefusesNULInText(t *testing.T) {
	t.Parallel()
	essay := sample().Questions[2]
	requireField(t, exam.Answer{Text: "my\x00essay"}.Check(essay), "invalid-text", "text")
	requireField(t, exam.Answer{Text: "my\xc3essay"}.Check(essay), "invalid-text", "text")
	require.NoError(t, exam.Answer{Text: "my essay, ünïcode"}.Check(essay))
}
