package service

import (
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/postgres"
)

// Config is everything the iam service reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	GRPCAddr string `env:"GRPC_ADDR" envDefault:":9090"`
	Postgres postgres.Config
	Kafka    kafka.Config
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error { return c.Log.Validate() }
