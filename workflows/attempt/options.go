package attempt

import "lms/shared/flows"

// Options are the attempt workflow's settings; the zero value is the
// production setting.
type Options struct {
	// AssessmentQueue is the task queue of the assessment service's
	// activities; empty means flows.TaskQueueAssessment.
	AssessmentQueue string
}

func (o Options) withDefaults() Options {
	if o.AssessmentQueue == "" {
		o.AssessmentQueue = flows.TaskQueueAssessment
	}
	return o
}
