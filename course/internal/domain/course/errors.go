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

// Errors of the course's staff.
var (
	ErrInvalidStaffRole    = errs.New(errs.InvalidArgument, "invalid-staff-role", "the role must be co_teacher, teaching_assistant or observer").With("field", "role")
	ErrInvalidStaffMember  = errs.New(errs.InvalidArgument, "invalid-staff-member", "the member must be named by a user id of 1 to 200 characters").With("field", "user_id")
	ErrOwnerRoleFixed      = errs.New(errs.FailedPrecondition, "owner-role-fixed", "the course's owner stays its owner: they cannot be added, given another role or removed")
	ErrStaffMemberExists   = errs.New(errs.AlreadyExists, "staff-member-exists", "the person is on the course's staff already; change their role instead")
	ErrStaffMemberNotFound = errs.New(errs.NotFound, "staff-member-not-found", "the person is not on the course's staff")
	ErrCoTeachersOwnerOnly = errs.New(errs.PermissionDenied, "co-teachers-owner-only", "only the course's owner or an administrator adds, removes or changes co-teachers")
	ErrTooManyStaff        = errs.New(errs.InvalidArgument, "too-many-staff", "a course has at most 100 staff members besides its owner")
	ErrCoTeachersAreStaff  = errs.New(errs.InvalidArgument, "co-teachers-are-staff",
		"co-teachers are changed through the course's staff (/api/v1/courses/{id}/staff); an edit may only repeat the current ones").With("field", "co_teachers")
)

// Errors where the staff and the students of a course meet: one person is
// either on a course's staff or its student, never both.
var (
	ErrStaffIsStudent    = errs.New(errs.FailedPrecondition, "staff-member-enrolled", "the person is enrolled in the course as a student; they drop out before joining its staff").With("field", "user_id")
	ErrStaffCannotEnroll = errs.New(errs.FailedPrecondition, "staff-cannot-enroll", "members of a course's staff cannot enroll in it as students")
)
