// Package flows is the contract between the LMS's Temporal workflows (module
// workflows) and the services that start them and run their activities (course,
// assessment): task queues, registered names, workflow ids, signals, queries,
// and the inputs and outputs of every activity. Names here are stable: renaming
// a Go identifier never renames a workflow, activity or signal.
package flows

import "time"

// Task queues. Workflows run on the worker's queue; each activity runs on the
// queue of the service whose data it changes.
const (
	TaskQueueWorkflows  = "workflows"
	TaskQueueCourse     = "course"
	TaskQueueAssessment = "assessment"
)

// ErrTypeRefused is the ApplicationError type of a business refusal (course
// full is not one: it waitlists). Refusals are non-retryable; the error's
// details carry a Refusal.
const ErrTypeRefused = "lms.refused"

// Refusal explains why an activity refused on business grounds, with the
// stable slug of the domain error (e.g. "enrollment-window-closed").
type Refusal struct {
	Slug    string `json:"slug"`
	Message string `json:"message"`
}

// ActivityTimeouts are the defaults every activity call uses; workflows may
// tighten them per call.
const (
	ActivityStartToClose    = 30 * time.Second
	ActivityScheduleToClose = 10 * time.Minute
)
