package query

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// QuestionStatistics summarises how graded attempts fared on one question.
type QuestionStatistics struct {
	Question exam.Question
	// Graded counts the graded attempts that had the question.
	Graded int
	// MeanScore is their mean score on it, rounded to a hundredth.
	MeanScore float64
	// ShareCorrect is the share (0 to 1) of them that earned every point.
	ShareCorrect float64
}

// Statistics summarises the graded attempts at a test, per question of its
// current version. Questions are matched across versions by id.
type Statistics struct {
	TestID    string
	Graded    int
	MeanScore float64
	Questions []QuestionStatistics
}

// GetStatisticsInput is what GetStatistics is asked.
type GetStatisticsInput struct {
	Caller caller.Caller
	TestID string
}

// GetStatistics answers the statistics of a test for its course's graders and
// teachers.
type GetStatistics struct {
	tests    exam.Repository
	attempts attempt.Repository
	policy   access.Policy
}

// NewGetStatistics returns the GetStatistics use case.
func NewGetStatistics(tests exam.Repository, attempts attempt.Repository, policy access.Policy) *GetStatistics {
	return &GetStatistics{tests: tests, attempts: attempts, policy: policy}
}

// Handle runs the use case.
func (h *GetStatistics) Handle(ctx context.Context, in GetStatisticsInput) (Statistics, error) {
	c, testID := in.Caller, in.TestID
	t, err := statisticsTest(ctx, h.tests, h.policy, c, testID)
	if err != nil {
		return Statistics{}, err
	}
	list, err := h.attempts.ListByTest(ctx, testID)
	if err != nil {
		return Statistics{}, fmt.Errorf("attempts at %s: %w", testID, err)
	}
	type acc struct {
		n, correct int
		sum        float64
	}
	per := map[string]*acc{}
	out := Statistics{TestID: testID}
	var totals []float64
	for _, a := range list {
		if a.State() != attempt.StateGraded {
			continue
		}
		out.Graded++
		totals = append(totals, a.Score())
		for qid, r := range a.Results() {
			s := per[qid]
			if s == nil {
				s = &acc{}
				per[qid] = s
			}
			s.n++
			s.sum += r.Score()
			if r.Score() == r.Max {
				s.correct++
			}
		}
	}
	if out.Graded > 0 {
		out.MeanScore = exam.Round(exam.Sum(totals...) / float64(out.Graded))
	}
	for _, q := range t.Current().Content.Questions {
		qs := QuestionStatistics{Question: q}
		if s := per[q.ID]; s != nil && s.n > 0 {
			qs.Graded = s.n
			qs.MeanScore = exam.Round(s.sum / float64(s.n))
			qs.ShareCorrect = float64(s.correct) / float64(s.n)
		}
		out.Questions = append(out.Questions, qs)
	}
	return out, nil
}
