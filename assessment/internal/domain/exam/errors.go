package exam

import "lms/shared/errs"

// Errors of the test aggregate and of grading.
var (
	ErrNotFound         = errs.New(errs.NotFound, "test-not-found", "the test does not exist")
	ErrInvalidTitle     = errs.New(errs.InvalidArgument, "invalid-title", "the title must be 1 to 200 characters").With("field", "title")
	ErrInvalidSettings  = errs.New(errs.InvalidArgument, "invalid-test-settings", "the test's settings are not valid")
	ErrInvalidQuestion  = errs.New(errs.InvalidArgument, "invalid-question", "a question is not valid")
	ErrTooManyQuestions = errs.New(errs.InvalidArgument, "too-many-questions", "a test holds at most 500 questions").With("field", "questions")
	ErrNoQuestions      = errs.New(errs.FailedPrecondition, "test-has-no-questions", "a test needs at least one question to be published")
	ErrAlreadyPublished = errs.New(errs.FailedPrecondition, "test-already-published", "the test is already published")
	ErrNotPublished     = errs.New(errs.FailedPrecondition, "test-not-published", "the test is not published")
	ErrNotOpen          = errs.New(errs.FailedPrecondition, "test-not-open", "the test is not open yet")
	ErrClosed           = errs.New(errs.FailedPrecondition, "test-closed", "the test is closed")
	ErrInvalidAnswer    = errs.New(errs.InvalidArgument, "invalid-answer", "the answer does not fit the question")
	ErrUnknownQuestion  = errs.New(errs.NotFound, "question-not-found", "the test has no such question")
	ErrUnknownVersion   = errs.New(errs.NotFound, "test-version-not-found", "the test has no such version")
	ErrVersionConflict  = errs.New(errs.FailedPrecondition, "test-changed", "the test was changed meanwhile; reload it and try again")
	ErrInvalidScore     = errs.New(errs.InvalidArgument, "invalid-score", "a score must be between 0 and the question's points, in hundredths of a point").With("field", "score")
	ErrResultsNotManual = errs.New(errs.FailedPrecondition, "results-not-released-manually", "the test shows its results without a manual release")
)

// invalidQuestion names the question and why it is not valid.
func invalidQuestion(id, reason string) *errs.Error {
	e := ErrInvalidQuestion.With("question_id", id).With("reason", reason)
	e.Message = "question " + id + ": " + reason
	return e
}

// invalidSettings names the setting and why it is not valid.
func invalidSettings(field, reason string) *errs.Error {
	e := ErrInvalidSettings.With("field", field)
	e.Message = field + ": " + reason
	return e
}
