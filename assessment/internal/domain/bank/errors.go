package bank

import "lms/shared/errs"

// Errors of the question bank.
var (
	ErrNotFound       = errs.New(errs.NotFound, "bank-question-not-found", "the course's question bank has no such question")
	ErrInvalidEntry   = errs.New(errs.InvalidArgument, "invalid-bank-question", "a question of the bank is not valid")
	ErrTooManyEntries = errs.New(errs.InvalidArgument, "bank-full", "a course's question bank holds at most 2,000 questions")
	ErrInvalidImport  = errs.New(errs.InvalidArgument, "invalid-bank-import", "an item of the import is not valid; nothing was imported")
	ErrImportFormat   = errs.New(errs.InvalidArgument, "unsupported-bank-format", "the import's format is not lms.question-bank.v1").With("field", "format")
	ErrBusy           = errs.New(errs.Unavailable, "bank-busy", "the question bank kept changing; try again")
)
