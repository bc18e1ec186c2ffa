// Package app holds the course service's use cases (packages command and
// query) and assembles them for the transports.
package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// Application is the set of use cases the transports call.
type Application struct {
	Commands Commands
	Queries  query.Handlers
	// Notifications is its own context: inboxes, mails and preferences.
	Notifications Notifications
	// Webhooks is its own context: endpoints, deliveries, replays.
	Webhooks Webhooks
}

// Commands change state.
type Commands struct {
	Courses     command.CourseHandlers
	Enrollments command.EnrollmentHandlers
	RecordGrade command.RecordGradeHandler
	// TrackTests keeps which tests assessment withdrew.
	TrackTests command.TrackTestsHandler
	// RecordPerson keeps users' names from iam's events.
	RecordPerson command.RecordPersonHandler
	// Gradebook changes the weighted gradebooks.
	Gradebook command.GradebookHandlers
}
