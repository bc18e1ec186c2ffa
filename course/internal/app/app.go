// Package app holds the course service's use cases (packages command and
// query) and assembles them for the transports: one type per use case, each
// observed by shared/usecase (a log line, a histogram and a span per call).
package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/course/internal/domain/gradebook"
	"lms/shared/usecase"
)

// Application is the set of use cases the transports call.
type Application struct {
	Commands Commands
	Queries  Queries
	// Notifications is its own context: inboxes, mails and preferences.
	Notifications Notifications
	// Webhooks is its own context: endpoints, deliveries, replays.
	Webhooks Webhooks
}

// Commands change state.
type Commands struct {
	// A teacher's courses, their lessons and staff.
	CreateCourse        usecase.Handler[command.CreateCourseInput, *course.Course]
	EditCourse          usecase.Handler[command.EditCourseInput, *course.Course]
	SetEnrollmentPolicy usecase.Handler[command.SetEnrollmentPolicyInput, *course.Course]
	PublishCourse       usecase.Handler[command.PublishCourseInput, *course.Course]
	ArchiveCourse       usecase.Handler[command.ArchiveCourseInput, *course.Course]
	DeleteCourse        usecase.Command[command.DeleteCourseInput]
	AddLesson           usecase.Handler[command.AddLessonInput, course.Lesson]
	EditLesson          usecase.Handler[command.EditLessonInput, course.Lesson]
	PublishLesson       usecase.Handler[command.PublishLessonInput, course.Lesson]
	UnpublishLesson     usecase.Handler[command.UnpublishLessonInput, course.Lesson]
	ReorderLessons      usecase.Handler[command.ReorderLessonsInput, []course.Lesson]
	AddStaffMember      usecase.Handler[command.AddStaffMemberInput, course.Member]
	ChangeStaffRole     usecase.Handler[command.ChangeStaffRoleInput, course.Member]
	RemoveStaffMember   usecase.Command[command.RemoveStaffMemberInput]

	// A student's enrollments, and the enrollment workflow's activities.
	EnrollStudent         usecase.Handler[command.EnrollStudentInput, command.EnrollStudentOutput]
	DropCourse            usecase.Handler[command.DropCourseInput, *enrollment.Enrollment]
	CompleteLesson        usecase.Handler[command.CompleteLessonInput, enrollment.Progress]
	DecideApproval        usecase.Handler[command.DecideApprovalInput, *enrollment.Enrollment]
	ReserveSeat           usecase.Handler[command.ReserveSeatInput, command.Decision]
	RecordApprovalOverdue usecase.Handler[command.RecordApprovalOverdueInput, bool]
	DropEnrollment        usecase.Handler[command.DropEnrollmentInput, command.DropEnrollmentOutput]
	CompleteEnrollment    usecase.Handler[command.CompleteEnrollmentInput, *enrollment.Enrollment]
	FollowFinalGrade      usecase.Command[command.FollowFinalGradeInput]

	// The weighted gradebooks, and what assessment and iam report.
	ChangeGradebook   usecase.Handler[command.ChangeGradebookInput, gradebook.Outcome]
	ImportGrades      usecase.Handler[command.ImportGradesInput, command.ImportGradesOutput]
	RecordGrade       usecase.Command[command.RecordGradeInput]
	RecordRelease     usecase.Command[command.RecordReleaseInput]
	MarkTestWithdrawn usecase.Command[command.MarkTestWithdrawnInput]
	MarkTestPublished usecase.Command[command.MarkTestPublishedInput]
	RecordPerson      usecase.Command[command.RecordPersonInput]
}

// Queries read state.
type Queries struct {
	BrowseCatalogue       usecase.Handler[query.BrowseCatalogueInput, query.CataloguePage]
	GetMyCertificate      usecase.Handler[query.GetMyCertificateInput, query.Certificate]
	VerifyCertificate     usecase.Handler[query.VerifyCertificateInput, query.Certificate]
	GetCourse             usecase.Handler[query.GetCourseInput, query.CourseView]
	ListTaughtCourses     usecase.Handler[query.ListTaughtCoursesInput, []query.CourseSummary]
	GetEnrollmentProgress usecase.Handler[query.GetEnrollmentProgressInput, query.EnrollmentProgress]
	GetGrades             usecase.Handler[query.GetGradesInput, []query.Grade]
	ListMyGrades          usecase.Handler[query.ListMyGradesInput, []query.Grade]
	GetGradebookSetup     usecase.Handler[query.GetGradebookSetupInput, gradebook.Setup]
	GetGradebook          usecase.Handler[query.GetGradebookInput, query.Book]
	GetMyGradebook        usecase.Handler[query.GetMyGradebookInput, query.Book]
	ListGradebookAudit    usecase.Handler[query.ListGradebookAuditInput, []query.AuditEntry]
	ListLessons           usecase.Handler[query.ListLessonsInput, []course.Lesson]
	GetLesson             usecase.Handler[query.GetLessonInput, course.Lesson]
	ListMyCourses         usecase.Handler[query.ListMyCoursesInput, []query.StudentCourse]
	GetMyEnrollment       usecase.Handler[query.GetMyEnrollmentInput, query.StudentCourse]
	ListPendingRequests   usecase.Handler[query.ListPendingRequestsInput, []query.RosterEntry]
	ListEscalatedRequests usecase.Handler[query.ListEscalatedRequestsInput, []query.RosterEntry]
	GetRoster             usecase.Handler[query.GetRosterInput, []query.RosterEntry]
	ListStaff             usecase.Handler[query.ListStaffInput, []query.StaffMember]
}
