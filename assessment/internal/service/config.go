package service

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
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
	Worker     temporalclient.WorkerConfig
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
	// StartRate is how many attempt starts a second this process admits
	// (0: no pace; with StartInFlight 0 too, no waiting room); StartBurst
	// how many at once after a quiet spell; StartHold how long a start may
	// wait inside its request for its turn before it is answered with its
	// place in line.
	StartRate  float64       `env:"START_RATE" envDefault:"100"`
	StartBurst int           `env:"START_BURST" envDefault:"100"`
	StartHold  time.Duration `env:"START_HOLD" envDefault:"150ms"`
	// StartInFlight bounds the admitted starts served at once (0: no
	// bound); a start that finds them all taken for longer than StartHold
	// gets the waiting room's answer, its ticket keeping its turn. Fewer
	// in flight answer each sooner and serve fewer a second: 5,000
	// students within a minute on the 2-core machine had admitted starts
	// answered at p99 1.31 s with 32 in flight and a 300 ms hold, and at
	// 594 ms with 12 and 150 ms, all of them served after 83 s and 105 s
	// (docs/assessment.md, the waiting room).
	StartInFlight int `env:"START_IN_FLIGHT" envDefault:"12"`
	// AdmissionKey signs the waiting room's tickets (base64, at least 32
	// bytes); replicas behind one gateway need the same. Empty: a key of
	// this process's own.
	AdmissionKey string `env:"ADMISSION_KEY"`
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
	if c.Assessment.StartInFlight < 0 || c.Assessment.StartInFlight > 10_000 {
		return config.Invalid("ASSESSMENT_START_IN_FLIGHT", "must be from 0 (no bound) to 10000")
	}
	if c.Assessment.StartRate < 0 || c.Assessment.StartBurst < 1 || c.Assessment.StartHold < 0 || c.Assessment.StartHold > 10*time.Second {
		return config.Invalid("ASSESSMENT_START_RATE", "rate from 0 (no pace), burst at least 1 (ASSESSMENT_START_BURST), hold from 0 to 10s (ASSESSMENT_START_HOLD)")
	}
	if _, err := c.Assessment.admissionKey(); err != nil {
		return config.Invalid("ASSESSMENT_ADMISSION_KEY", "must be base64 of at least 32 bytes")
	}
	return nil
}

// admissionKey decodes AdmissionKey, or makes a random key when it is empty.
func (a Assessment) admissionKey() ([]byte, error) {
	if a.AdmissionKey == "" {
		key := make([]byte, 32)
		_, err := rand.Read(key)
		return key, err
	}
	key, err := base64.StdEncoding.DecodeString(a.AdmissionKey)
	if err == nil && len(key) < 32 {
		err = errors.New("shorter than 32 bytes")
	}
	return key, err
}
