package service

import (
	"net/url"

	"lms/shared/config"
	"lms/shared/logging"
)

// Config is everything the gateway reads from the environment.
type Config struct {
	Log           logging.Config
	HTTPAddr      string `env:"HTTP_ADDR" envDefault:":8080"`
	IAMGRPCAddr   string `env:"IAM_GRPC_ADDR,required"`
	CourseURL     string `env:"COURSE_URL,required"`
	AssessmentURL string `env:"ASSESSMENT_URL,required"`
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error {
	if err := c.Log.Validate(); err != nil {
		return err
	}
	for _, v := range []struct{ name, raw string }{{"COURSE_URL", c.CourseURL}, {"ASSESSMENT_URL", c.AssessmentURL}} {
		if u, err := url.Parse(v.raw); err != nil || u.Scheme == "" || u.Host == "" {
			return config.Invalid(v.name, "must be an absolute URL such as http://course:8080")
		}
	}
	return nil
}
