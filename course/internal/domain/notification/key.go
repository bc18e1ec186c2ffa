package notification

import (
	"crypto/sha256"
	"encoding/hex"
)

// Key identifies one delivery: an event reaches a person on a channel at
// most once. The store keeps it unique.
type Key struct {
	EventID   string
	Recipient string
	Channel   Channel
}

// String is the key as one text.
func (k Key) String() string { return k.EventID + "/" + k.Recipient + "/" + string(k.Channel) }

// MessageID returns the Message-ID header (with its angle brackets) of the
// mail of key k, in domain: the same key always gives the same id, so a
// mail sent again after a crash is recognisably a copy.
func MessageID(k Key, domain string) string {
	if domain == "" {
		domain = "lms.invalid"
	}
	sum := sha256.Sum256([]byte(k.String()))
	return "<notification." + hex.EncodeToString(sum[:16]) + "@" + domain + ">"
}
