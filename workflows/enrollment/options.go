package enrollment

import "lms/shared/flows"

// DefaultSignalsBeforeContinue is how many signals one run handles before it
// continues as new. A course of fifty lessons and ten tests takes about sixty,
// so most enrollments never continue; the server's own suggestion (history
// size) applies as well.
const DefaultSignalsBeforeContinue = 200

// Options are the enrollment workflow's settings; the zero value is the
// production setting.
type Options struct {
	// CourseQueue is the task queue of the course service's activities;
	// empty means flows.TaskQueueCourse.
	CourseQueue string
	// SignalsBeforeContinue bounds the signals one run handles before it
	// continues as new; zero means DefaultSignalsBeforeContinue.
	SignalsBeforeContinue int
}

func (o Options) withDefaults() Options {
	if o.CourseQueue == "" {
		o.CourseQueue = flows.TaskQueueCourse
	}
	if o.SignalsBeforeContinue <= 0 {
		o.SignalsBeforeContinue = DefaultSignalsBeforeContinue
	}
	return o
}
