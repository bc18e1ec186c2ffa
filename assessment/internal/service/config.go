package service

import (
	"net/url"
	"time"

	"lms/shared/config"
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/mongodb"
	"lms/shared/temporalclient"
)

// Config is everything the assessment service reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	// JWKSURL is where the public keys that verify access tokens are
	// published: the gateway's /.well-known/jwks.json.
	JWKSURL    string `env:"JWKS_URL,required"`
	Mongo      mongodb.Config
	Kafka      kafka.Config
	Temporal   temporalclient.Config
	Assessment Assessment `envPrefix:"ASSESSMENT_"`
}

// Assessment holds the settings of the assessment service proper; the
// defaults are the names of the shared contracts (shared/flows,
// shared/events).
type Assessment struct {
	// TaskQueue is where the service's activities run.
	TaskQueue string `env:"TASK_QUEUE" envDefault:"assessment"`
	// WorkflowTaskQueue is where the attempt workflows it starts run.
	WorkflowTaskQueue string `env:"WORKFLOW_TASK_QUEUE" envDefault:"workflows"`
	// CourseTopic carries the courses and enrollments the roster is built from.
	CourseTopic string `env:"COURSE_TOPIC" envDefault:"lms.course.v1"`
	// RosterGroup is the consumer group of the roster.
	RosterGroup string `env:"ROSTER_GROUP" envDefault:"assessment.roster"`
	// RelayPoll is how often the relay looks for events and workflow starts
	// it was not woken for (another replica stored them, or a try failed).
	RelayPoll time.Duration `env:"RELAY_POLL" envDefault:"1s"`
	// RelayWorkers is how many documents the relay hands on at once, e.g.
	// the attempts of an exam that opened for a whole class.
	RelayWorkers int `env:"RELAY_WORKERS" envDefault:"16"`
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error {
	if err := c.Log.Validate(); err != nil {
		return err
	}
	if u, err := url.Parse(c.JWKSURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config.Invalid("JWKS_URL", "must be an http(s) URL such as http://gateway:8080/.well-known/jwks.json")
	}
	for name, v := range map[string]string{
		"ASSESSMENT_TASK_QUEUE": c.Assessment.TaskQueue, "ASSESSMENT_WORKFLOW_TASK_QUEUE": c.Assessment.WorkflowTaskQueue,
		"ASSESSMENT_COURSE_TOPIC": c.Assessment.CourseTopic, "ASSESSMENT_ROSTER_GROUP": c.Assessment.RosterGroup,
	} {
		if v == "" {
			return config.Invalid(name, "must not be empty")
		}
	}
	if c.Assessment.RelayPoll < 10*time.Millisecond || c.Assessment.RelayPoll > time.Minute {
		return config.Invalid("ASSESSMENT_RELAY_POLL", "must be between 10ms and 1m")
	}
	if c.Assessment.RelayWorkers < 1 || c.Assessment.RelayWorkers > 256 {
		return config.Invalid("ASSESSMENT_RELAY_WORKERS", "must be between 1 and 256")
	}
	return nil
}
