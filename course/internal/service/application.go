package service

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// NewApplication assembles the use cases over the database and the workflow
// starter; tests build the service's parts with it too. Teachers see their
// students' emails; service.New applies COURSE_SHOW_STUDENT_EMAILS.
func NewApplication(db *bun.DB, workflows command.Workflows) app.Application {
	courses := postgres.NewCourseRepository(db)
	enrollments := postgres.NewEnrollmentRepository(db)
	now := func() time.Time { return time.Now().UTC() }
	gradebook := postgres.NewGradebook(db)
	enrollment := command.NewEnrollmentHandlers(courses, enrollments, workflows, now, NewID).WithGrades(gradebook)
	return app.Application{
		Commands: app.Commands{
			Courses:      command.NewCourseHandlers(courses, enrollments, workflows, now, NewID),
			Enrollments:  enrollment,
			RecordGrade:  command.NewRecordGradeHandler(gradebook, enrollment),
			TrackTests:   command.NewTrackTestsHandler(postgres.NewTestCatalog(db)),
			RecordPerson: command.NewRecordPersonHandler(postgres.NewPeople(db)),
		},
		Queries: query.NewHandlers(courses, enrollments, postgres.NewReadModel(db)).WithCertificates(postgres.NewReadModel(db)),
	}
}

// NewID returns a UUIDv7: time-ordered, so new rows land at the end of
// their indexes.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
