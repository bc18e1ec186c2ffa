package service

import (
	"encoding/base64"
	"time"

	"lms/shared/config"
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
	Identity Identity `envPrefix:"IAM_"`
}

// Identity holds the settings of identity proper.
type Identity struct {
	// FirstAdminEmail and FirstAdminPassword create the first administrator
	// on first start (both or neither; the password from a Secret in
	// production). An existing account with that email is never changed.
	FirstAdminEmail    string `env:"FIRST_ADMIN_EMAIL"`
	FirstAdminPassword string `env:"FIRST_ADMIN_PASSWORD"`
	// KeyEncryptionKey (base64 of 32 bytes) seals the token-signing keys at
	// rest with AES-256-GCM. Changing it makes the stored keys unreadable.
	KeyEncryptionKey string `env:"KEY_ENCRYPTION_KEY,required"`

	AccessTokenTTL  time.Duration `env:"ACCESS_TOKEN_TTL" envDefault:"15m"`
	RefreshTokenTTL time.Duration `env:"REFRESH_TOKEN_TTL" envDefault:"168h"`
	SessionMaxAge   time.Duration `env:"SESSION_MAX_AGE" envDefault:"720h"`

	// Failed sign-ins allowed per account and per client address within
	// LoginWindow before a lock-out of LoginLockout.
	LoginMaxFailuresPerAccount int           `env:"LOGIN_MAX_FAILURES_PER_ACCOUNT" envDefault:"5"`
	LoginMaxFailuresPerAddress int           `env:"LOGIN_MAX_FAILURES_PER_ADDRESS" envDefault:"50"`
	LoginWindow                time.Duration `env:"LOGIN_WINDOW" envDefault:"15m"`
	LoginLockout               time.Duration `env:"LOGIN_LOCKOUT" envDefault:"15m"`

	// External is sign-in through OpenID Connect providers.
	External ExternalSignIn
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error {
	if err := c.Log.Validate(); err != nil {
		return err
	}
	return c.Identity.validate()
}

func (c *Identity) validate() error {
	if _, err := c.kek(); err != nil {
		return config.Invalid("IAM_KEY_ENCRYPTION_KEY", "must be the base64 of 32 random bytes (openssl rand -base64 32)")
	}
	if (c.FirstAdminEmail == "") != (c.FirstAdminPassword == "") {
		return config.Invalid("IAM_FIRST_ADMIN_PASSWORD", "set IAM_FIRST_ADMIN_EMAIL and IAM_FIRST_ADMIN_PASSWORD together, or neither")
	}
	for name, d := range map[string]time.Duration{
		"IAM_ACCESS_TOKEN_TTL": c.AccessTokenTTL, "IAM_REFRESH_TOKEN_TTL": c.RefreshTokenTTL, "IAM_SESSION_MAX_AGE": c.SessionMaxAge,
		"IAM_LOGIN_WINDOW": c.LoginWindow, "IAM_LOGIN_LOCKOUT": c.LoginLockout,
	} {
		if d <= 0 {
			return config.Invalid(name, "must be a positive duration")
		}
	}
	if c.AccessTokenTTL > time.Hour {
		return config.Invalid("IAM_ACCESS_TOKEN_TTL", "must be at most 1h: access tokens cannot be revoked one by one")
	}
	if c.LoginMaxFailuresPerAccount < 1 || c.LoginMaxFailuresPerAddress < 1 {
		return config.Invalid("IAM_LOGIN_MAX_FAILURES_PER_ACCOUNT", "login failure limits must be at least 1")
	}
	return c.External.validate()
}

// kek decodes the key-encryption key.
func (c *Identity) kek() ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(c.KeyEncryptionKey)
	if err == nil && len(b) != 32 {
		err = base64.CorruptInputError(len(b))
	}
	return b, err
}
