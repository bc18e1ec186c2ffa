package service

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"lms/iam/internal/adapters/oidc"
	"lms/iam/internal/app/command"
	"lms/shared/config"
)

// ExternalSignIn holds the settings of sign-in through OpenID Connect
// providers (docs/oidc.md).
type ExternalSignIn struct {
	// ProvidersFile is a JSON array of providers (oidc.ProviderConfig);
	// empty means no external sign-in.
	ProvidersFile string `env:"OIDC_PROVIDERS_FILE"`
	// Providers is the same JSON inline, for a ConfigMap or the local stack;
	// set one of the two.
	Providers string `env:"OIDC_PROVIDERS"`
	// CallbackURL is the public URL of the gateway's /api/v1/auth/oidc; each
	// provider's redirect URI is CallbackURL/{id}/callback.
	CallbackURL string `env:"OIDC_CALLBACK_URL"`
	// ReturnURLs are the addresses (prefixes) a sign-in may send the person
	// back to with its one-time code.
	ReturnURLs []string `env:"OIDC_RETURN_URLS" envSeparator:","`
	// FlowTTL bounds the time at the provider; GrantTTL the time between the
	// callback and the code exchange.
	FlowTTL  time.Duration `env:"OIDC_FLOW_TTL" envDefault:"10m"`
	GrantTTL time.Duration `env:"OIDC_GRANT_TTL" envDefault:"60s"`
	// Timeout bounds every call to a provider.
	Timeout time.Duration `env:"OIDC_TIMEOUT" envDefault:"10s"`
}

// providers reads the providers file and resolves client secrets named by
// environment variable.
func (c ExternalSignIn) providers() ([]oidc.ProviderConfig, error) {
	variable, b := "IAM_OIDC_PROVIDERS", []byte(c.Providers)
	switch {
	case c.ProvidersFile != "" && c.Providers != "":
		return nil, config.Invalid("IAM_OIDC_PROVIDERS", "set IAM_OIDC_PROVIDERS or IAM_OIDC_PROVIDERS_FILE, not both")
	case c.ProvidersFile != "":
		variable = "IAM_OIDC_PROVIDERS_FILE"
		var err error
		if b, err = os.ReadFile(c.ProvidersFile); err != nil {
			return nil, config.Invalid(variable, fmt.Sprintf("cannot read %s: %v", c.ProvidersFile, err))
		}
	case c.Providers == "":
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ps []oidc.ProviderConfig
	if err := dec.Decode(&ps); err != nil {
		return nil, config.Invalid(variable, fmt.Sprintf("not a JSON array of providers: %v", err))
	}
	for i := range ps {
		if ps[i].ClientSecretEnv != "" {
			ps[i].ClientSecret = os.Getenv(ps[i].ClientSecretEnv)
			if ps[i].ClientSecret == "" {
				return nil, config.Invalid(ps[i].ClientSecretEnv, fmt.Sprintf("holds the client secret of provider %q and is empty", ps[i].ID))
			}
		}
	}
	return ps, nil
}

// withDefaults fills in the durations a Config built in code left at zero.
func (c ExternalSignIn) withDefaults() ExternalSignIn {
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&c.FlowTTL, 10 * time.Minute}, {&c.GrantTTL, time.Minute}, {&c.Timeout, 10 * time.Second}} {
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	return c
}

func (c ExternalSignIn) validate() error {
	if c.FlowTTL < 0 || c.GrantTTL < 0 || c.Timeout < 0 {
		return config.Invalid("IAM_OIDC_FLOW_TTL", "IAM_OIDC_FLOW_TTL, IAM_OIDC_GRANT_TTL and IAM_OIDC_TIMEOUT must be positive durations")
	}
	c = c.withDefaults()
	ps, err := c.providers()
	if err != nil {
		return err
	}
	if _, err := oidc.New(ps, c.CallbackURL, c.Timeout); err != nil {
		return config.Invalid("IAM_OIDC_PROVIDERS_FILE", err.Error())
	}
	for _, u := range c.ReturnURLs {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.Contains(u, ":/") {
			return config.Invalid("IAM_OIDC_RETURN_URLS", fmt.Sprintf("%q is not an absolute URL", u))
		}
	}
	return nil
}

// relyingParty builds the OpenID Connect client and the app's policy.
func (c ExternalSignIn) relyingParty() (*oidc.RelyingParty, command.ExternalSignInPolicy, error) {
	c = c.withDefaults()
	ps, err := c.providers()
	if err != nil {
		return nil, command.ExternalSignInPolicy{}, err
	}
	rp, err := oidc.New(ps, c.CallbackURL, c.Timeout)
	if err != nil {
		return nil, command.ExternalSignInPolicy{}, config.Invalid("IAM_OIDC_PROVIDERS_FILE", err.Error())
	}
	return rp, command.ExternalSignInPolicy{FlowTTL: c.FlowTTL, GrantTTL: c.GrantTTL, ReturnURLs: c.ReturnURLs}, nil
}
