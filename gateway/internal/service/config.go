package service

import (
	"net/url"
	"time"

	"lms/shared/config"
	"lms/shared/kafka"
	"lms/shared/logging"
)

// Config is everything the gateway reads from the environment.
type Config struct {
	Log           logging.Config
	Kafka         kafka.Config
	HTTPAddr      string        `env:"HTTP_ADDR" envDefault:":8080"`
	IAMGRPCAddr   string        `env:"IAM_GRPC_ADDR,required"`
	IAMTimeout    time.Duration `env:"IAM_TIMEOUT" envDefault:"5s"`
	CourseURL     string        `env:"COURSE_URL,required"`
	AssessmentURL string        `env:"ASSESSMENT_URL,required"`
	// InstanceID names this replica's consumer group: every replica must see
	// every "user disabled" event. Defaults to the host name.
	InstanceID string `env:"INSTANCE_ID"`

	ProxyDialTimeout     time.Duration `env:"PROXY_DIAL_TIMEOUT" envDefault:"2s"`
	ProxyResponseTimeout time.Duration `env:"PROXY_RESPONSE_TIMEOUT" envDefault:"15s"`

	CORSOrigins    []string `env:"CORS_ALLOWED_ORIGINS" envSeparator:","`
	TrustedProxies []string `env:"TRUSTED_PROXIES" envSeparator:","`
	// BodyLimit is the edge's bound on any request body: the largest body a
	// service takes (assessment's 4 MiB test), each service bounding its own
	// operations more tightly behind it.
	BodyLimit int64 `env:"BODY_LIMIT_BYTES" envDefault:"4194304"`

	AddressRate  float64 `env:"RATE_LIMIT_ADDRESS_RPS" envDefault:"50"`
	AddressBurst int     `env:"RATE_LIMIT_ADDRESS_BURST" envDefault:"100"`
	UserRate     float64 `env:"RATE_LIMIT_USER_RPS" envDefault:"20"`
	UserBurst    int     `env:"RATE_LIMIT_USER_BURST" envDefault:"40"`

	// AccessTokenTTL is iam's access-token lifetime: how long a revocation
	// must be remembered.
	AccessTokenTTL time.Duration `env:"ACCESS_TOKEN_TTL" envDefault:"15m"`
	TokenLeeway    time.Duration `env:"TOKEN_LEEWAY" envDefault:"30s"`
	TokenCacheSize int           `env:"TOKEN_CACHE_SIZE" envDefault:"100000"`
	// KeysMinRefresh is the least time between two fetches of iam's keys
	// caused by tokens naming an unknown kid.
	KeysMinRefresh time.Duration `env:"KEYS_MIN_REFRESH" envDefault:"10s"`

	// PprofAddr serves Go's profiler (net/http/pprof) on its own listener
	// when set, such as 127.0.0.1:6060; never on the public port. Empty: off.
	PprofAddr string `env:"PPROF_ADDR"`

	RefreshCookie       bool `env:"REFRESH_COOKIE" envDefault:"true"`
	RefreshCookieSecure bool `env:"REFRESH_COOKIE_SECURE" envDefault:"true"`
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
	for _, o := range c.CORSOrigins {
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || o == "*" {
			return config.Invalid("CORS_ALLOWED_ORIGINS", "must list origins such as https://lms.example.edu, comma-separated (no *)")
		}
	}
	positive := []struct {
		name string
		ok   bool
	}{
		{"IAM_TIMEOUT", c.IAMTimeout > 0},
		{"PROXY_DIAL_TIMEOUT", c.ProxyDialTimeout > 0},
		{"PROXY_RESPONSE_TIMEOUT", c.ProxyResponseTimeout > 0},
		{"BODY_LIMIT_BYTES", c.BodyLimit > 0},
		{"RATE_LIMIT_ADDRESS_BURST", c.AddressBurst > 0},
		{"RATE_LIMIT_USER_BURST", c.UserBurst > 0},
		{"ACCESS_TOKEN_TTL", c.AccessTokenTTL > 0},
		{"TOKEN_LEEWAY", c.TokenLeeway > 0},
		{"TOKEN_CACHE_SIZE", c.TokenCacheSize > 0},
		{"KEYS_MIN_REFRESH", c.KeysMinRefresh > 0},
	}
	for _, p := range positive {
		if !p.ok {
			return config.Invalid(p.name, "must be positive")
		}
	}
	// A rate of 0 turns that limit off.
	if c.AddressRate < 0 {
		return config.Invalid("RATE_LIMIT_ADDRESS_RPS", "must not be negative (0 turns the limit off)")
	}
	if c.UserRate < 0 {
		return config.Invalid("RATE_LIMIT_USER_RPS", "must not be negative (0 turns the limit off)")
	}
	return nil
}
