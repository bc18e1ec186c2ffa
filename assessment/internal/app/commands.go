package app

import (
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/usecase"
)

// Commands change state.
type Commands struct {
	CreateTest     usecase.Handler[command.CreateTestInput, *exam.Test]
	EditTest       usecase.Handler[command.EditTestInput, *exam.Test]
	DeleteTest     usecase.Command[command.DeleteTestInput]
	PublishTest    usecase.Handler[command.PublishTestInput, *exam.Test]
	UnpublishTest  usecase.Handler[command.UnpublishTestInput, *exam.Test]
	ReleaseResults usecase.Handler[command.ReleaseResultsInput, *exam.Test]

	StartAttempt       usecase.Handler[command.StartAttemptInput, *attempt.Attempt]
	SaveAnswer         usecase.Handler[command.SaveAnswerInput, attempt.SavedAnswer]
	SubmitAttempt      usecase.Handler[command.SubmitAttemptInput, *attempt.Attempt]
	ConfirmSubmission  usecase.Handler[command.ConfirmSubmissionInput, *attempt.Attempt]
	GrantAccommodation usecase.Handler[command.GrantAccommodationInput, command.Granted]

	AutoGrade             usecase.Handler[command.AutoGradeInput, bool]
	GradeAttempt          usecase.Handler[command.GradeAttemptInput, *attempt.Attempt]
	RecordOverdue         usecase.Handler[command.RecordOverdueInput, *attempt.Attempt]
	FinalizeAttempt       usecase.Handler[command.FinalizeAttemptInput, *attempt.Attempt]
	ReleaseAttemptResults usecase.Handler[command.ReleaseAttemptResultsInput, command.ResultsRelease]
	SettleAttempt         usecase.Handler[command.SettleAttemptInput, command.Settled]

	StartRegrade  usecase.Handler[command.StartRegradeInput, exam.Regrade]
	RegradePage   usecase.Handler[command.RegradePageInput, command.RegradedPage]
	FinishRegrade usecase.Command[command.FinishRegradeInput]

	PutBankQuestion    usecase.Handler[command.PutBankQuestionInput, bank.Outcome]
	RetireBankQuestion usecase.Command[command.RetireBankQuestionInput]
	ImportBank         usecase.Handler[command.ImportBankInput, bank.ImportSummary]

	RecordCourse     usecase.Command[command.RecordCourseInput]
	RecordEnrollment usecase.Command[command.RecordEnrollmentInput]
	RecordStaff      usecase.Command[command.RecordStaffInput]
}

func newCommands(d Deps, o *usecase.Observer) Commands {
	policy := access.NewPolicy(d.Roster)
	return Commands{
		CreateTest:     usecase.Observe(o, "create_test", command.NewCreateTest(d.Tests, policy, d.Clock, d.IDs)),
		EditTest:       usecase.Observe(o, "edit_test", command.NewEditTest(d.Tests, policy, d.Banks, d.Clock, d.IDs)),
		DeleteTest:     usecase.ObserveCommand(o, "delete_test", command.NewDeleteTest(d.Tests, policy, d.Clock)),
		PublishTest:    usecase.Observe(o, "publish_test", command.NewPublishTest(d.Tests, policy, d.Banks, d.Clock)),
		UnpublishTest:  usecase.Observe(o, "unpublish_test", command.NewUnpublishTest(d.Tests, policy, d.Clock)),
		ReleaseResults: usecase.Observe(o, "release_results", command.NewReleaseResults(d.Tests, policy, d.Clock)),

		StartAttempt: usecase.Observe(o, "start_attempt",
			command.NewStartAttempt(d.Tests, d.Attempts, d.Accommodations, d.Clock, policy, d.Banks, d.IDs)),
		SaveAnswer:        usecase.Observe(o, "save_answer", command.NewSaveAnswer(d.Attempts, d.Tests, policy, d.Clock)),
		SubmitAttempt:     usecase.Observe(o, "submit_attempt", command.NewSubmitAttempt(d.Tests, d.Attempts, d.Accommodations, d.Clock, policy)),
		ConfirmSubmission: usecase.Observe(o, "confirm_submission", command.NewConfirmSubmission(d.Tests, d.Attempts, d.Accommodations, d.Clock)),
		GrantAccommodation: usecase.Observe(o, "grant_accommodation",
			command.NewGrantAccommodation(d.Tests, d.Attempts, d.Accommodations, d.Clock, policy)),

		AutoGrade:             usecase.Observe(o, "auto_grade", command.NewAutoGrade(d.Attempts, d.Tests)),
		GradeAttempt:          usecase.Observe(o, "grade_attempt", command.NewGradeAttempt(d.Attempts, d.Tests, policy, d.Clock)),
		RecordOverdue:         usecase.Observe(o, "record_overdue", command.NewRecordOverdue(d.Attempts)),
		FinalizeAttempt:       usecase.Observe(o, "finalize_attempt", command.NewFinalizeAttempt(d.Attempts, d.Tests, d.Clock)),
		ReleaseAttemptResults: usecase.Observe(o, "release_attempt_results", command.NewReleaseAttemptResults(d.Attempts, d.Tests, d.Clock)),
		SettleAttempt:         usecase.Observe(o, "settle_attempt", command.NewSettleAttempt(d.Tests, d.Attempts, d.Accommodations, d.Clock)),

		StartRegrade:  usecase.Observe(o, "start_regrade", command.NewStartRegrade(d.Tests, policy, d.Clock, d.IDs)),
		RegradePage:   usecase.Observe(o, "regrade_page", command.NewRegradePage(d.Tests, d.Attempts, d.Pages, d.Clock)),
		FinishRegrade: usecase.ObserveCommand(o, "finish_regrade", command.NewFinishRegrade(d.Tests, d.Clock)),

		PutBankQuestion:    usecase.Observe(o, "put_bank_question", command.NewPutBankQuestion(d.Banks, policy, d.Clock)),
		RetireBankQuestion: usecase.ObserveCommand(o, "retire_bank_question", command.NewRetireBankQuestion(d.Banks, policy, d.Clock)),
		ImportBank:         usecase.Observe(o, "import_bank", command.NewImportBank(d.Banks, policy, d.Clock)),

		RecordCourse:     usecase.ObserveCommand(o, "record_course", command.NewRecordCourse(d.Recorder)),
		RecordEnrollment: usecase.ObserveCommand(o, "record_enrollment", command.NewRecordEnrollment(d.Recorder)),
		RecordStaff:      usecase.ObserveCommand(o, "record_staff", command.NewRecordStaff(d.Recorder)),
	}
}
