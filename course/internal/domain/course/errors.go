package course

import "lms/shared/errs"

// Errors of the course aggregate.
var (
	ErrNotFound            = errs.New(errs.NotFound, "course-not-found", "the course does not exist")
	ErrLessonNotFound      = errs.New(errs.NotFound, "lesson-not-found", "the lesson does not exist")
	ErrCodeTaken           = errs.New(errs.AlreadyExists, "course-code-taken", "another course already uses this code").With("field", "code")
	ErrInvalidCode         = errs.New(errs.InvalidArgument, "invalid-course-code", "the code must be 2 to 32 letters, digits, '-', '_' or '.'").With("field", "code")
	ErrInvalidTitle        = errs.New(errs.InvalidArgument, "invalid-title", "the title must be 1 to 200 characters").With("field", "title")
	ErrInvalidCapacity     = errs.New(errs.InvalidArgument, "invalid-capacity", "the capacity must be 1 to 1,000,000 seats, or absent for no limit").With("field", "capacity")
	ErrInvalidText         = errs.New(errs.InvalidArgument, "invalid-text", "a text must be valid UTF-8 without NUL characters")
	ErrWindowClosedAlready = errs.New(errs.InvalidArgument, "enrollment-close-in-past", "the enrollment close date has passed already").With("field", "enrollment_closes_at")
	ErrCourseNotDeletable  = errs.New(errs.FailedPrecondition, "course-not-draft", "only a draft course can be deleted; archive a published course instead")
	ErrLessonNotPublished  = errs.New(errs.FailedPrecondition, "lesson-not-published", "the lesson is not published")
	ErrInvalidWindow       = errs.New(errs.InvalidArgument, "invalid-enrollment-window", "the enrollment window must close after it opens").With("field", "enrollment_window")
	ErrSelfPrerequisite    = errs.New(errs.InvalidArgument, "self-prerequisite", "a course cannot be its own prerequisite").With("field", "prerequisites")
	ErrInvalidLesson       = errs.New(errs.InvalidArgument, "invalid-lesson", "a lesson needs a title of 1 to 200 characters, a body under 200,000 characters and 0 to 10,000 minutes")
	ErrInvalidOrder        = errs.New(errs.InvalidArgument, "invalid-lesson-order", "the order must name every lesson of the course exactly once").With("field", "lesson_ids")
	ErrNotDraft            = errs.New(errs.FailedPrecondition, "course-not-draft", "only a draft course can be published")
	ErrArchived            = errs.New(errs.FailedPrecondition, "course-archived", "the course is archived and read-only")
	ErrNotPublished        = errs.New(errs.FailedPrecondition, "course-not-published", "the course is not open to students")
	ErrWindowNotOpen       = errs.New(errs.FailedPrecondition, "enrollment-window-not-open", "enrollment in this course has not opened yet")
	ErrWindowClosed        = errs.New(errs.FailedPrecondition, "enrollment-window-closed", "enrollment in this course has closed")
	ErrLessonPublished     = errs.New(errs.FailedPrecondition, "lesson-already-published", "the lesson is already published")
	ErrCoTeacherIsOwner    = errs.New(errs.InvalidArgument, "co-teacher-is-owner", "the owner cannot also be a co-teacher").With("field", "co_teachers")
	ErrTooManyReferences   = errs.New(errs.InvalidArgument, "too-many-references", "at most 50 co-teachers, prerequisites and required tests each")
)
