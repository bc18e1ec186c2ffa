package service

import (
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/mongodb"
	"lms/shared/temporalclient"
)

// Config is everything the assessment service reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	Mongo    mongodb.Config
	Kafka    kafka.Config
	Temporal temporalclient.Config
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error { return c.Log.Validate() }
