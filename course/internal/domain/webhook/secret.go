package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Secret is an endpoint's signing secret in the Standard Webhooks form:
// "whsec_" followed by the base64 of 24 to 64 random bytes.
type Secret string

const secretPrefix = "whsec_"

// NewSecret returns the secret of the random bytes key (24 to 64 of them;
// the LMS draws 32).
func NewSecret(key []byte) (Secret, error) {
	if len(key) < 24 || len(key) > 64 {
		return "", errors.New("webhook secret: 24 to 64 random bytes")
	}
	return Secret(secretPrefix + base64.StdEncoding.EncodeToString(key)), nil
}

// key returns the secret's bytes.
func (s Secret) key() ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.TrimPrefix(string(s), secretPrefix))
}

// Sign returns the webhook-signature header of a message: "v1," and the
// base64 HMAC-SHA256, keyed by the secret, of "id.timestamp.body" with the
// timestamp in Unix seconds (Standard Webhooks, symmetric scheme).
func (s Secret) Sign(id string, at time.Time, body []byte) (string, error) {
	key, err := s.key()
	if err != nil || len(key) == 0 {
		return "", errors.New("webhook secret: not a whsec_ secret")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(at.Unix(), 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// The headers of a signed delivery (Standard Webhooks).
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)
