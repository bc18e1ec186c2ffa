package app

import (
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/usecase"
)

// Queries read state.
type Queries struct {
	GetTest       usecase.Handler[query.GetTestInput, query.TestView]
	ListTests     usecase.Handler[query.ListTestsInput, []query.TestView]
	GetStatistics usecase.Handler[query.GetStatisticsInput, query.Statistics]
	AnalyseItems  usecase.Handler[query.AnalyseItemsInput, query.ItemAnalysis]

	GetAttempt         usecase.Handler[query.GetAttemptInput, query.AttemptView]
	ListAttempts       usecase.Handler[query.ListAttemptsInput, query.AttemptList]
	ListAccommodations usecase.Handler[query.ListAccommodationsInput, []*accommodation.Accommodation]

	PreviewRegrade usecase.Handler[query.PreviewRegradeInput, query.RegradePreview]
	ListRegrades   usecase.Handler[query.ListRegradesInput, []exam.Regrade]
	GetRegrade     usecase.Handler[query.GetRegradeInput, exam.Regrade]

	ListBankQuestions usecase.Handler[query.ListBankQuestionsInput, []bank.Question]
	GetBankQuestion   usecase.Handler[query.GetBankQuestionInput, bank.Question]
	ExportBank        usecase.Handler[query.ExportBankInput, []bank.Entry]
}

func newQueries(d Deps, o *usecase.Observer) Queries {
	policy := access.NewPolicy(d.Roster)
	return Queries{
		GetTest:       usecase.Observe(o, "get_test", query.NewGetTest(d.Tests, policy, d.Accommodations)),
		ListTests:     usecase.Observe(o, "list_tests", query.NewListTests(d.Tests, policy)),
		GetStatistics: usecase.Observe(o, "get_statistics", query.NewGetStatistics(d.Tests, d.Attempts, policy)),
		AnalyseItems:  usecase.Observe(o, "analyse_items", query.NewAnalyseItems(d.Tests, d.Banks, d.Responses, policy)),

		GetAttempt:         usecase.Observe(o, "get_attempt", query.NewGetAttempt(d.Attempts, d.Tests, policy, d.Clock)),
		ListAttempts:       usecase.Observe(o, "list_attempts", query.NewListAttempts(d.Tests, d.Attempts, d.Summaries, policy, d.Clock)),
		ListAccommodations: usecase.Observe(o, "list_accommodations", query.NewListAccommodations(d.Tests, d.Accommodations, policy)),

		PreviewRegrade: usecase.Observe(o, "preview_regrade", query.NewPreviewRegrade(d.Tests, d.Attempts, policy, d.Clock)),
		ListRegrades:   usecase.Observe(o, "list_regrades", query.NewListRegrades(d.Tests, policy)),
		GetRegrade:     usecase.Observe(o, "get_regrade", query.NewGetRegrade(d.Tests, policy)),

		ListBankQuestions: usecase.Observe(o, "list_bank_questions", query.NewListBankQuestions(d.Banks, policy)),
		GetBankQuestion:   usecase.Observe(o, "get_bank_question", query.NewGetBankQuestion(d.Banks, policy)),
		ExportBank:        usecase.Observe(o, "export_bank", query.NewExportBank(d.Banks, policy)),
	}
}
