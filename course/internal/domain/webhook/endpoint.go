package webhook

import (
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Endpoint is a URL an administrator registered to receive the domain
// events of the types it names, signed with its secret.
type Endpoint struct {
	ID          string
	URL         string
	EventTypes  []string
	Description string
	Secret      Secret
	Enabled     bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// URLPolicy says which URLs an endpoint may have: AllowPrivate lets it name
// loopback, private and link-local addresses (the local stack, where tests
// run their receivers on 127.0.0.1); production leaves it off (SSRF).
type URLPolicy struct {
	AllowPrivate bool
}

// NewEndpoint validates a registration: an absolute http(s) URL the policy
// allows, at least one event type, each in known, and a short description.
func NewEndpoint(id, rawURL string, types []string, description string, secret Secret, known []string, policy URLPolicy, now time.Time) (Endpoint, error) {
	u, err := CheckURL(rawURL, policy)
	if err != nil {
		return Endpoint{}, err
	}
	if len(types) == 0 {
		return Endpoint{}, ErrBadEventTypes
	}
	wanted := make([]string, 0, len(types))
	for _, t := range types {
		if !slices.Contains(known, t) {
			return Endpoint{}, ErrBadEventTypes.With("event_type", t)
		}
		if !slices.Contains(wanted, t) {
			wanted = append(wanted, t)
		}
	}
	if utf8.RuneCountInString(description) > 500 || !utf8.ValidString(description) || strings.ContainsRune(description, 0) {
		return Endpoint{}, ErrBadDescription
	}
	return Endpoint{ID: id, URL: u, EventTypes: wanted, Description: strings.TrimSpace(description), Secret: secret,
		Enabled: true, CreatedAt: now, UpdatedAt: now}, nil
}

// Wants reports whether the endpoint receives an event of type typ that
// happened at at: it is enabled, names the type, and existed then (earlier
// events reach it only by a replay).
func (e Endpoint) Wants(typ string, at time.Time) bool {
	return e.Enabled && slices.Contains(e.EventTypes, typ) && !at.Before(e.CreatedAt)
}

// CheckURL returns raw if it is an absolute http(s) URL without user
// information whose host the policy allows. A host name is checked when it
// is dialled (see IsPrivate): a name may resolve to anything later.
func CheckURL(raw string, policy URLPolicy) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return "", ErrBadURL
	}
	host := u.Hostname()
	if !policy.AllowPrivate {
		if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
			return "", ErrPrivateURL
		}
		if ip, err := netip.ParseAddr(host); err == nil && IsPrivate(ip) {
			return "", ErrPrivateURL
		}
	}
	return u.String(), nil
}

// IsPrivate reports whether ip is loopback, private, link-local, unique
// local, unspecified or multicast: an address inside the installation's
// network rather than an integrator's server.
func IsPrivate(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() ||
		// 100.64.0.0/10, carrier-grade NAT, often a cluster's own range.
		netip.MustParsePrefix("100.64.0.0/10").Contains(ip) || ip == netip.AddrFrom4([4]byte{169, 254, 169, 254})
}
