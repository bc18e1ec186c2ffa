package service

import (
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/postgres"
	"lms/shared/temporalclient"
)

// Config is everything the course service reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	Postgres postgres.Config
	Kafka    kafka.Config
	Temporal temporalclient.Config
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error { return c.Log.Validate() }
