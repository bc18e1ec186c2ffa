package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/course/internal/domain/gradebook"
	"lms/shared/usecase"
)

// Deps are the ports the use cases run on.
type Deps struct {
	Courses     course.Repository
	Enrollments enrollment.Repository
	Clock       command.Clock
	IDs         command.IDs
	// Grades is the gradebook final grades follow (nil: none).
	Grades command.GradeScores
	// Gradebook keeps assessment's graded attempts; Books are the weighted
	// gradebooks.
	Gradebook command.Gradebook
	Books     gradebook.Repository
	// Tests keeps which tests assessment withdrew; People users' names.
	Tests  command.TestCatalog
	People command.People
	// Read is the read model; Certificates and BookReader read certificates
	// and weighted gradebooks.
	Read         query.ReadModel
	Certificates query.CertificateReader
	BookReader   query.BookReader
	// ShowStudentEmails shows teachers their students' emails besides their
	// names.
	ShowStudentEmails bool
}

// New builds the commands and queries over d, each observed by o (nil:
// none is); NewNotifications and NewWebhooks build the other contexts.
func New(d Deps, o *usecase.Observer) Application {
	return Application{Commands: newCommands(d, o), Queries: newQueries(d, o)}
}

// newCommands builds the commands.
func newCommands(d Deps, o *usecase.Observer) Commands {
	followFinalGrade := usecase.ObserveCommand(o, "follow_final_grade", command.NewFollowFinalGrade(d.Courses, d.Enrollments, d.Grades, d.Clock))
	return Commands{
		CreateCourse:          usecase.Observe(o, "create_course", command.NewCreateCourse(d.Courses, d.Clock, d.IDs)),
		EditCourse:            usecase.Observe(o, "edit_course", command.NewEditCourse(d.Courses, d.Enrollments, d.Clock)),
		SetEnrollmentPolicy:   usecase.Observe(o, "set_enrollment_policy", command.NewSetEnrollmentPolicy(d.Courses, d.Clock)),
		PublishCourse:         usecase.Observe(o, "publish_course", command.NewPublishCourse(d.Courses, d.Clock)),
		ArchiveCourse:         usecase.Observe(o, "archive_course", command.NewArchiveCourse(d.Courses, d.Clock)),
		DeleteCourse:          usecase.ObserveCommand(o, "delete_course", command.NewDeleteCourse(d.Courses)),
		AddLesson:             usecase.Observe(o, "add_lesson", command.NewAddLesson(d.Courses, d.Clock, d.IDs)),
		EditLesson:            usecase.Observe(o, "edit_lesson", command.NewEditLesson(d.Courses, d.Clock)),
		PublishLesson:         usecase.Observe(o, "publish_lesson", command.NewPublishLesson(d.Courses, d.Clock)),
		UnpublishLesson:       usecase.Observe(o, "unpublish_lesson", command.NewUnpublishLesson(d.Courses, d.Clock)),
		ReorderLessons:        usecase.Observe(o, "reorder_lessons", command.NewReorderLessons(d.Courses, d.Clock)),
		AddStaffMember:        usecase.Observe(o, "add_staff_member", command.NewAddStaffMember(d.Courses, d.Enrollments, d.Clock)),
		ChangeStaffRole:       usecase.Observe(o, "change_staff_role", command.NewChangeStaffRole(d.Courses, d.Clock)),
		RemoveStaffMember:     usecase.ObserveCommand(o, "remove_staff_member", command.NewRemoveStaffMember(d.Courses, d.Clock)),
		EnrollStudent:         usecase.Observe(o, "enroll_student", command.NewEnrollStudent(d.Courses, d.Enrollments, d.Clock, d.IDs)),
		DropCourse:            usecase.Observe(o, "drop_course", command.NewDropCourse(d.Courses, d.Enrollments, d.Clock)),
		CompleteLesson:        usecase.Observe(o, "complete_lesson", command.NewCompleteLesson(d.Courses, d.Enrollments, d.Clock)),
		DecideApproval:        usecase.Observe(o, "decide_approval", command.NewDecideApproval(d.Courses, d.Enrollments, d.Clock)),
		ReserveSeat:           usecase.Observe(o, "reserve_seat", command.NewReserveSeat(d.Courses, d.Enrollments, d.Clock)),
		RecordApprovalOverdue: usecase.Observe(o, "record_approval_overdue", command.NewRecordApprovalOverdue(d.Enrollments, d.Clock)),
		DropEnrollment:        usecase.Observe(o, "drop_enrollment", command.NewDropEnrollment(d.Enrollments, d.Clock)),
		CompleteEnrollment:    usecase.Observe(o, "complete_enrollment", command.NewCompleteEnrollment(d.Courses, d.Enrollments, d.Grades, d.Clock, d.IDs)),
		FollowFinalGrade:      followFinalGrade,
		ChangeGradebook:       usecase.Observe(o, "change_gradebook", command.NewChangeGradebook(d.Courses, d.Books, d.Clock)),
		ImportGrades:          usecase.Observe(o, "import_grades", command.NewImportGrades(d.Courses, d.Books, d.Clock)),
		RecordGrade:           usecase.ObserveCommand(o, "record_grade", command.NewRecordGrade(d.Gradebook, followFinalGrade)),
		RecordRelease:         usecase.ObserveCommand(o, "record_release", command.NewRecordRelease(d.Gradebook, followFinalGrade)),
		MarkTestWithdrawn:     usecase.ObserveCommand(o, "mark_test_withdrawn", command.NewMarkTestWithdrawn(d.Tests)),
		MarkTestPublished:     usecase.ObserveCommand(o, "mark_test_published", command.NewMarkTestPublished(d.Tests)),
		RecordPerson:          usecase.ObserveCommand(o, "record_person", command.NewRecordPerson(d.People)),
	}
}

// newQueries builds the queries.
func newQueries(d Deps, o *usecase.Observer) Queries {
	return Queries{
		BrowseCatalogue:       usecase.Observe(o, "browse_catalogue", query.NewBrowseCatalogue(d.Read)),
		GetMyCertificate:      usecase.Observe(o, "get_my_certificate", query.NewGetMyCertificate(d.Certificates)),
		VerifyCertificate:     usecase.Observe(o, "verify_certificate", query.NewVerifyCertificate(d.Certificates)),
		GetCourse:             usecase.Observe(o, "get_course", query.NewGetCourse(d.Courses, d.Enrollments, d.Read)),
		ListTaughtCourses:     usecase.Observe(o, "list_taught_courses", query.NewListTaughtCourses(d.Read)),
		GetEnrollmentProgress: usecase.Observe(o, "get_enrollment_progress", query.NewGetEnrollmentProgress(d.Courses, d.Enrollments, d.Read)),
		GetGrades:             usecase.Observe(o, "get_grades", query.NewGetGrades(d.Courses, d.Read, d.ShowStudentEmails)),
		ListMyGrades:          usecase.Observe(o, "list_my_grades", query.NewListMyGrades(d.Read)),
		GetGradebookSetup:     usecase.Observe(o, "get_gradebook_setup", query.NewGetGradebookSetup(d.Courses, d.BookReader)),
		GetGradebook:          usecase.Observe(o, "get_gradebook", query.NewGetGradebook(d.Courses, d.BookReader, d.Read, d.ShowStudentEmails)),
		GetMyGradebook:        usecase.Observe(o, "get_my_gradebook", query.NewGetMyGradebook(d.BookReader)),
		ListGradebookAudit:    usecase.Observe(o, "list_gradebook_audit", query.NewListGradebookAudit(d.Courses, d.BookReader)),
		ListLessons:           usecase.Observe(o, "list_lessons", query.NewListLessons(d.Courses, d.Enrollments, d.Read)),
		GetLesson:             usecase.Observe(o, "get_lesson", query.NewGetLesson(d.Courses, d.Enrollments, d.Read)),
		ListMyCourses:         usecase.Observe(o, "list_my_courses", query.NewListMyCourses(d.Read)),
		GetMyEnrollment:       usecase.Observe(o, "get_my_enrollment", query.NewGetMyEnrollment(d.Read)),
		ListPendingRequests:   usecase.Observe(o, "list_pending_requests", query.NewListPendingRequests(d.Courses, d.Read, d.ShowStudentEmails)),
		ListEscalatedRequests: usecase.Observe(o, "list_escalated_requests", query.NewListEscalatedRequests(d.Read, d.ShowStudentEmails)),
		GetRoster:             usecase.Observe(o, "get_roster", query.NewGetRoster(d.Courses, d.Read, d.ShowStudentEmails)),
		ListStaff:             usecase.Observe(o, "list_staff", query.NewListStaff(d.Courses, d.Read, d.ShowStudentEmails)),
	}
}
