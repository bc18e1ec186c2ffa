package notification

import (
	"context"
	"time"
)

// Facts are what the store knows that an event's deliveries depend on.
type Facts struct {
	// Address is the recipient's email address; empty while unknown.
	Address     string
	Preferences Preferences
	CourseTitle string
	// FromWaitlist is true when the event's enrollment waited on the
	// waitlist before it held a seat.
	FromWaitlist bool
	// AboutName is the display name of the event's About; empty when
	// unknown.
	AboutName string
}

// Deliverer stores the deliveries of events.
type Deliverer interface {
	// Deliver loads the facts about e, lets plan decide its deliveries and
	// stores them, in one transaction, once per event and recipient: a
	// repeated event changes nothing, and each delivery's key stays unique.
	// It answers whether e was new.
	Deliver(ctx context.Context, e Event, plan func(Facts) Deliveries) (bool, error)
}

// Inbox is each person's list of in-app notifications.
type Inbox interface {
	// List returns up to limit of recipient's notifications, newest first,
	// older than the one with id before (from the newest when empty).
	List(ctx context.Context, recipient, before string, limit int) ([]Notification, error)
	// Unread counts recipient's notifications not yet read.
	Unread(ctx context.Context, recipient string) (int, error)
	// MarkRead marks recipient's notification id read at at (once: a
	// second mark keeps the first time); ErrNotFound when she has none
	// with that id.
	MarkRead(ctx context.Context, recipient, id string, at time.Time) error
	// MarkAllRead marks every unread notification of recipient read and
	// answers how many it marked.
	MarkAllRead(ctx context.Context, recipient string, at time.Time) (int, error)
}

// PreferenceStore keeps each person's preferences.
type PreferenceStore interface {
	Preferences(ctx context.Context, user string) (Preferences, error)
	// SetPreferences records the choices of set for user, leaving her
	// other kinds as they were.
	SetPreferences(ctx context.Context, user string, set []Preference, at time.Time) error
}

// MailQueue holds the mails waiting for the relay.
type MailQueue interface {
	// Claim takes up to n due mails for lease: no other relay takes them
	// until the lease ends, so a relay that dies leaves them to another.
	Claim(ctx context.Context, n int, lease time.Duration) ([]Mail, error)
	// Sent marks the mail handed to the relay; it is never sent again.
	Sent(ctx context.Context, k Key, at time.Time) error
	// PutOff makes the mail due again at until, with the reason it failed.
	PutOff(ctx context.Context, k Key, until time.Time, reason string) error
	// Fail gives the mail up: the relay refused it for good.
	Fail(ctx context.Context, k Key, at time.Time, reason string) error
}

// Audiences tell who belongs to an audience.
type Audiences interface {
	// Members lists the people of a in the course (ignored for the
	// administrators), in a stable order.
	Members(ctx context.Context, a Audience, courseID string) ([]string, error)
}

// DigestDue is a person's day with mails waiting for its digest.
type DigestDue struct {
	Recipient string
	Day       time.Time
}

// DigestQueue holds the mails waiting for their recipients' daily digests.
type DigestQueue interface {
	// DueDigests lists up to limit people's days before before (a date)
	// with mails waiting.
	DueDigests(ctx context.Context, before time.Time, limit int) ([]DigestDue, error)
	// Digest turns the mails of d waiting into the one mail compose makes
	// of them, oldest first, and queues it for the mail relay, in one
	// transaction: the mails are marked digested, so the day's digest is
	// made once. It answers false when none waited.
	Digest(ctx context.Context, d DigestDue, compose func([]Mail) Mail) (bool, error)
}

// DigestSwitch keeps whether a person's mails come as a daily digest.
type DigestSwitch interface {
	SetDigest(ctx context.Context, user string, on bool, at time.Time) error
}
