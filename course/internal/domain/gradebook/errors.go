package gradebook

import "lms/shared/errs"

// Errors of the gradebook.
var (
	ErrInvalidCategory = errs.New(errs.InvalidArgument, "invalid-gradebook-category",
		"a category needs an id of 1 to 40 letters, digits, '-' or '_', a name of 1 to 200 characters, a weight above 0 and at most 100, and 0 to 100 lowest scores to drop").With("field", "categories")
	ErrDuplicateCategory = errs.New(errs.InvalidArgument, "duplicate-gradebook-category", "two categories have the same id").With("field", "categories")
	ErrWeightsNot100     = errs.New(errs.InvalidArgument, "gradebook-weights-not-100", "the categories' weights must add up to 100").With("field", "categories")
	ErrTooManyCategories = errs.New(errs.InvalidArgument, "too-many-gradebook-categories", "a course has at most 50 categories").With("field", "categories")
	ErrCategoryInUse     = errs.New(errs.FailedPrecondition, "gradebook-category-in-use", "items still belong to a category that would be removed; move them first")
	ErrCategoryNotFound  = errs.New(errs.InvalidArgument, "gradebook-category-not-found", "the category does not exist in this course's gradebook").With("field", "category_id")
	ErrInvalidItem       = errs.New(errs.InvalidArgument, "invalid-gradebook-item",
		"an item needs an id of 1 to 200 characters (a manual item's: letters, digits, '-' or '_'), a kind test or manual, a title of at most 200 characters (1 for a manual item) and maximum points above 0 and at most 100,000")
	ErrItemKindFixed  = errs.New(errs.FailedPrecondition, "gradebook-item-kind-fixed", "an item stays a test or a manual item")
	ErrTooManyItems   = errs.New(errs.InvalidArgument, "too-many-gradebook-items", "a course's gradebook has at most 500 items")
	ErrItemNotFound   = errs.New(errs.NotFound, "gradebook-item-not-found", "the gradebook has no such item")
	ErrNotManualItem  = errs.New(errs.FailedPrecondition, "gradebook-item-not-manual", "only manual items are graded here; tests are graded in assessment")
	ErrInvalidPoints  = errs.New(errs.InvalidArgument, "invalid-gradebook-points", "points must be a number from 0 to the item's maximum").With("field", "points")
	ErrInvalidFinal   = errs.New(errs.InvalidArgument, "invalid-final-grade", "a final grade must be a number from 0 to 100").With("field", "grade")
	ErrReasonRequired = errs.New(errs.InvalidArgument, "override-reason-required", "an override needs a reason of 1 to 1,000 characters").With("field", "reason")
	ErrInvalidScheme  = errs.New(errs.InvalidArgument, "invalid-letter-scheme",
		"letter bands need a letter of 1 to 10 characters each, ordered from the highest, without gaps or overlaps, covering 0 to 100").With("field", "bands")
	ErrStudentNotInBook = errs.New(errs.NotFound, "gradebook-student-not-found", "the student is not enrolled in the course")
	ErrImportRefused    = errs.New(errs.InvalidArgument, "gradebook-import-refused", "some rows of the import are wrong; nothing was changed")
)
