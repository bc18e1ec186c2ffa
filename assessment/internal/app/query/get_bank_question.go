package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// GetBankQuestionInput is what GetBankQuestion is asked.
type GetBankQuestionInput struct {
	Caller     caller.Caller
	CourseID   string
	QuestionID string
}

// GetBankQuestion returns one question of a course's bank with every version,
// to whom ListBankQuestions answers.
type GetBankQuestion struct {
	banks  bank.Repository
	policy access.Policy
}

// NewGetBankQuestion returns the GetBankQuestion use case.
func NewGetBankQuestion(banks bank.Repository, policy access.Policy) *GetBankQuestion {
	return &GetBankQuestion{banks: banks, policy: policy}
}

// Handle runs the use case.
func (h *GetBankQuestion) Handle(ctx context.Context, in GetBankQuestionInput) (bank.Question, error) {
	c, courseID, id := in.Caller, in.CourseID, in.QuestionID
	b, err := staffBank(ctx, h.banks, h.policy, c, courseID)
	if err != nil {
		return bank.Question{}, err
	}
	return b.Question(id)
}
