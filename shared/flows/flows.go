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
	// Fields are the domain error's fields (e.g. "deadline" of
	// SlugDeadlineMoved); absent when it has none.
	Fields map[string]string `json:"fields,omitempty"`
}

// Every activity call is bounded per try and retried with a capped backoff
// until it succeeds or is refused: activities are idempotent, and an outage
// of a service delays a process (an enrollment, a submission at the deadline)
// rather than ending it.
const (
	// ActivityStartToClose bounds one try of an activity.
	ActivityStartToClose = 30 * time.Second
	// ActivityRetryInitial is the wait before the first retry; it doubles
	// after each failure up to ActivityRetryMaxInterval.
	ActivityRetryInitial = time.Second
	// ActivityRetryMaxInterval caps the wait between two tries.
	ActivityRetryMaxInterval = time.Minute
)
