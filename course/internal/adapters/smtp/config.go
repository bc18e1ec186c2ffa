// Package smtp hands the notification mails to an SMTP relay: Mailpit in the
// local stack, any relay in production, chosen by configuration.
package smtp

import (
	"net/mail"
	"strings"

	"lms/shared/config"
)

// TLS modes of the connection to the relay.
const (
	// TLSNone speaks plain SMTP (a relay on the same host, Mailpit).
	TLSNone = "none"
	// TLSStartTLS upgrades the connection with STARTTLS and refuses a relay
	// that does not offer it (submission, port 587).
	TLSStartTLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (port 465).
	TLSImplicit = "tls"
)

// Config is where mail goes and who it is from. Read from SMTP_* variables.
type Config struct {
	Host string `env:"HOST" envDefault:"localhost"`
	Port int    `env:"PORT" envDefault:"25"`
	// From is the sender, an address with an optional name
	// ("LMS <no-reply@lms.example.org>"); its domain also names the mails'
	// Message-IDs.
	From string `env:"FROM" envDefault:"LMS <no-reply@lms.invalid>"`
	// Username and Password log in (PLAIN) when Username is set; PLAIN is
	// sent only over TLS or to a relay on localhost.
	Username string `env:"USERNAME"`
	Password string `env:"PASSWORD"`
	// TLS is none, starttls or tls.
	TLS string `env:"TLS" envDefault:"none"`
	// HeloName is the name the service greets the relay with.
	HeloName string `env:"HELO_NAME" envDefault:"localhost"`
}

// Validate checks the settings, naming the variable at fault (prefix is
// where the variables live, "SMTP_").
func (c Config) Validate(prefix string) error {
	if strings.TrimSpace(c.Host) == "" {
		return config.Invalid(prefix+"HOST", "must name the SMTP relay")
	}
	if c.Port < 1 || c.Port > 65535 {
		return config.Invalid(prefix+"PORT", "must be a TCP port (1-65535)")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return config.Invalid(prefix+"FROM", "must be a mail address such as \"LMS <no-reply@lms.example.org>\": "+err.Error())
	}
	switch c.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return config.Invalid(prefix+"TLS", "must be none, starttls or tls")
	}
	if c.Password != "" && c.Username == "" {
		return config.Invalid(prefix+"USERNAME", "must be set with "+prefix+"PASSWORD")
	}
	return nil
}

// Domain is the domain of the sender's address, which names the mails'
// Message-IDs.
func (c Config) Domain() string {
	a, err := mail.ParseAddress(c.From)
	if err != nil {
		return ""
	}
	_, domain, _ := strings.Cut(a.Address, "@")
	return domain
}
