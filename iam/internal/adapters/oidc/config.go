package oidc

import (
	"fmt"
	"strings"

	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

// ProviderConfig is one provider as the operator configures it (one element
// of the JSON file IAM_OIDC_PROVIDERS_FILE names; see docs/oidc.md).
type ProviderConfig struct {
	// ID names the provider in URLs (/auth/oidc/{id}/start): lower case,
	// digits and dashes.
	ID string `json:"id"`
	// Name is what a sign-in page shows ("University of Example").
	Name string `json:"name"`
	// Preset fills in a well-known provider's issuer, scopes and claims:
	// "google" or "microsoft" (with Tenant).
	Preset string `json:"preset,omitempty"`
	// Tenant is the Microsoft Entra ID tenant (its id or domain).
	Tenant string `json:"tenant,omitempty"`
	// Issuer is the provider's issuer URL; its discovery document is read
	// from Issuer + "/.well-known/openid-configuration".
	Issuer   string `json:"issuer,omitempty"`
	ClientID string `json:"client_id"`
	// ClientSecret is the client's secret; ClientSecretEnv names the
	// environment variable holding it instead (a Kubernetes Secret).
	ClientSecret    string   `json:"client_secret,omitempty"`
	ClientSecretEnv string   `json:"client_secret_env,omitempty"`
	Scopes          []string `json:"scopes,omitempty"`
	// AllowedDomains are the email domains admitted; empty admits any.
	AllowedDomains []string `json:"allowed_domains,omitempty"`
	// HostedDomain is the Google Workspace domain the hd claim must name.
	HostedDomain string `json:"hosted_domain,omitempty"`
	// CreateAccounts (default true) creates the account at a first sign-in.
	CreateAccounts *bool `json:"create_accounts,omitempty"`
	// LinkByEmail (default true) links a first sign-in to the account with
	// the same email when the provider says the email is verified.
	LinkByEmail *bool `json:"link_by_email,omitempty"`
	// TrustUnverifiedEmail lets a provider that sends no email_verified claim
	// create accounts (never link them).
	TrustUnverifiedEmail bool `json:"trust_unverified_email,omitempty"`
	// RolesClaim is the claim holding groups or roles (default "groups").
	RolesClaim string `json:"roles_claim,omitempty"`
	// RoleMap maps a value of RolesClaim to an LMS role (teacher, admin).
	RoleMap map[string]string `json:"role_map,omitempty"`
}

// withPreset returns c with the preset's defaults filled in.
func (c ProviderConfig) withPreset() (ProviderConfig, error) {
	switch c.Preset {
	case "":
	case "google":
		if c.Issuer == "" {
			c.Issuer = "https://accounts.google.com"
		}
	case "microsoft":
		if c.Issuer == "" {
			if c.Tenant == "" {
				return c, fmt.Errorf("provider %q: preset microsoft needs tenant", c.ID)
			}
			c.Issuer = "https://login.microsoftonline.com/" + c.Tenant + "/v2.0"
		}
		if c.RolesClaim == "" {
			c.RolesClaim = "roles"
		}
	default:
		return c, fmt.Errorf("provider %q: unknown preset %q (google, microsoft)", c.ID, c.Preset)
	}
	if len(c.Scopes) == 0 {
		c.Scopes = []string{"openid", "email", "profile"}
	}
	if c.RolesClaim == "" {
		c.RolesClaim = "groups"
	}
	return c, nil
}

func (c ProviderConfig) validate() error {
	switch {
	case c.ID == "" || strings.Trim(c.ID, "abcdefghijklmnopqrstuvwxyz0123456789-") != "":
		return fmt.Errorf("provider %q: id must be lower-case letters, digits and dashes", c.ID)
	case c.Issuer == "":
		return fmt.Errorf("provider %q: issuer is required", c.ID)
	case c.ClientID == "":
		return fmt.Errorf("provider %q: client_id is required", c.ID)
	}
	return nil
}

// policy turns the settings into the domain's rules.
func (c ProviderConfig) policy() (identity.Policy, error) {
	p := identity.Policy{
		AllowedDomains: c.AllowedDomains, HostedDomain: c.HostedDomain,
		CreateAccounts:       c.CreateAccounts == nil || *c.CreateAccounts,
		LinkByEmail:          c.LinkByEmail == nil || *c.LinkByEmail,
		TrustUnverifiedEmail: c.TrustUnverifiedEmail,
	}
	if len(c.RoleMap) > 0 {
		p.RoleMap = make(map[string]user.Role, len(c.RoleMap))
		for k, v := range c.RoleMap {
			r, err := user.ParseRole(v)
			if err != nil {
				return p, fmt.Errorf("provider %q: role_map %q: unknown role %q", c.ID, k, v)
			}
			p.RoleMap[k] = r
		}
	}
	return p, nil
}
