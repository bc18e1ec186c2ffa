package service

import (
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/temporal"
	"lms/course/internal/app"
	"lms/shared/usecase"
)

// NewApplication assembles the use cases over the database; tests build
// the service's parts with it too. Enrollment workflows start, and hear of
// the changes that concern them, only where a start relay runs (service.New
// runs one). Teachers see their students' emails; service.New applies
// COURSE_SHOW_STUDENT_EMAILS.
func NewApplication(db *bun.DB) app.Application {
	a, _ := newApplication(db, Options{})
	return a
}

// Options tune the application.
type Options struct {
	// Observer observes every use case (nil: none is).
	Observer *usecase.Observer
	// HideStudentEmails shows teachers their students' names only
	// (COURSE_SHOW_STUDENT_EMAILS=false).
	HideStudentEmails bool
}

// NewApplicationStarting is NewApplication with the relay that starts the
// enrollment workflows its requests record and sends them the signals its
// changes record; they reach the workflows while the relay runs.
func NewApplicationStarting(db *bun.DB, workflows *temporal.Workflows, log *slog.Logger, opts Options) (app.Application, *postgres.StartRelay) {
	a, enrollments := newApplication(db, opts)
	return a, enrollments.StartRelay(workflows, log, postgres.StartRelayOptions{})
}

// newApplication is NewApplication that also returns the enrollment
// repository, whose start relay the service runs.
func newApplication(db *bun.DB, opts Options) (app.Application, *postgres.EnrollmentRepository) {
	courses := postgres.NewCourseRepository(db)
	enrollments := postgres.NewEnrollmentRepository(db)
	now := systemClock{}
	gradebook := postgres.NewGradebook(db)
	read := postgres.NewReadModel(db)
	a := app.New(app.Deps{
		Courses: courses, Enrollments: enrollments, Clock: now, IDs: uuidV7{},
		Grades: gradebook, Gradebook: gradebook, Books: postgres.NewGradebooks(db),
		Tests: postgres.NewTestCatalog(db), People: postgres.NewPeople(db),
		Read: read, Certificates: read, BookReader: postgres.NewGradebooks(db), ShowStudentEmails: !opts.HideStudentEmails,
	}, opts.Observer)
	// service.New gives mails their sender's domain and wakes its relay.
	a.Notifications, _ = NewNotifications(db, NotificationSettings{}, opts.Observer)
	// service.New gives replays the brokers and starts the dispatcher.
	a.Webhooks = webhooksOver(db, opts.Observer)
	return a, enrollments
}

// systemClock is the machine's time, in UTC.
type systemClock struct{}

// Now returns the time.
func (systemClock) Now() time.Time { return time.Now().UTC() }

// uuidV7 makes UUIDv7s: time-ordered, so new rows land at the end of their
// indexes.
type uuidV7 struct{}

// NewID returns a new UUIDv7.
func (uuidV7) NewID() string { return uuid.Must(uuid.NewV7()).String() }
