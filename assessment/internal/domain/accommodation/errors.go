package accommodation

import "lms/shared/errs"

// Errors of accommodations.
var (
	ErrReasonRequired = errs.New(errs.InvalidArgument, "accommodation-reason-required",
		"a change of a student's accommodation needs a reason").With("field", "reason")
	ErrInvalidTerms       = errs.New(errs.InvalidArgument, "invalid-accommodation", "the accommodation is not valid")
	ErrNotFound           = errs.New(errs.NotFound, "accommodation-not-found", "the student has no accommodation at this test")
	ErrStudentNotEnrolled = errs.New(errs.NotFound, "student-not-enrolled", "the student is not enrolled in the test's course").With("field", "student_id")
	ErrBusy               = errs.New(errs.Unavailable, "accommodation-busy", "the accommodation kept changing; try again")
)

func invalidTerms(field, message string) error {
	e := ErrInvalidTerms.With("field", field)
	e.Message = message
	return e
}
