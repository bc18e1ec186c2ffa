package notification

import "time"

// Notification is one item of a person's inbox.
type Notification struct {
	ID        string
	Recipient string
	EventID   string
	Kind      Kind
	CourseID  string
	Message
	CreatedAt time.Time
	// ReadAt is when she marked it read; nil while unread.
	ReadAt *time.Time
}

// Mail is one email waiting to be handed to the mail relay, or handed.
type Mail struct {
	EventID   string
	Recipient string
	Kind      Kind
	// To is the recipient's address.
	To string
	Message
	// MessageID is the Message-ID header, derived from the delivery key,
	// so a mail sent twice after a crash is recognisably the same mail.
	MessageID string
	CreatedAt time.Time
	// Attempts counts the hand-overs to the relay tried so far.
	Attempts int
	// Digest is true when the mail waits for its recipient's daily digest
	// instead of going out on its own.
	Digest bool
}

// Key is the mail's delivery key.
func (m Mail) Key() Key {
	return Key{EventID: m.EventID, Recipient: m.Recipient, Channel: ChannelEmail}
}

// Deliveries are what one event becomes for its recipient: an inbox item,
// a mail, both or none.
type Deliveries struct {
	InApp *Notification
	Email *Mail
}

// Plan decides the deliveries of e under the recipient's preferences. The
// inbox item gets id; a mail needs the recipient's address (none is sent
// while it is unknown) and the domain of the Message-ID.
func Plan(e Event, prefs Preferences, id, address, domain string, now time.Time) Deliveries {
	choice := prefs.For(e.Kind)
	msg := Compose(e)
	var d Deliveries
	if choice.InApp {
		d.InApp = &Notification{
			ID: id, Recipient: e.Recipient, EventID: e.ID, Kind: e.Kind, CourseID: e.CourseID,
			Message: msg, CreatedAt: now,
		}
	}
	if choice.Email && address != "" {
		d.Email = &Mail{
			EventID: e.ID, Recipient: e.Recipient, Kind: e.Kind, To: address, Message: msg,
			MessageID: MessageID(Key{EventID: e.ID, Recipient: e.Recipient, Channel: ChannelEmail}, domain),
			CreatedAt: now, Digest: prefs.Digest(),
		}
	}
	return d
}
