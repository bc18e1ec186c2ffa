package query

import (
	"context"
	"fmt"
	"slices"

	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

// analysedQuestions are the questions item analysis reports on: the
// content's fixed questions, then every question of the course's bank its
// draws may pick (retired ones too, which earlier attempts may have
// drawn), in its current version and worth its draw's points. Each is
// analysed over the attempts that drew it, matched by id, as the fixed
// questions are across versions.
func analysedQuestions(ctx context.Context, banks bank.Repository, courseID string, c exam.Content) ([]exam.Question, error) {
	questions := slices.Clone(c.Questions)
	if len(c.Draws) == 0 {
		return questions, nil
	}
	b, err := banks.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("bank of %s: %w", courseID, err)
	}
	seen := map[string]bool{}
	for _, q := range questions {
		seen[q.ID] = true
	}
	for _, d := range c.Draws {
		for _, bq := range b.Questions() {
			e := bq.Current().Entry
			if seen[bq.ID] || e.Category != d.Category || d.Tag != "" && !slices.Contains(e.Tags, d.Tag) {
				continue
			}
			q := e.Question
			q.Points = d.Points
			questions = append(questions, q)
			seen[bq.ID] = true
		}
	}
	return questions, nil
}
