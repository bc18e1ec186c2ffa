package notification

import (
	"strconv"
	"strings"
	"time"
)

// DigestEventID is the event id of recipient's digest of day: with the
// recipient and the email channel it keys the one digest mail of the day.
func DigestEventID(day time.Time) string { return "digest:" + day.UTC().Format(time.DateOnly) }

// ComposeDigest writes the one mail of a day's notifications, oldest first.
func ComposeDigest(day time.Time, items []Message) Message {
	var b strings.Builder
	b.WriteString("What happened for you in the LMS on ")
	b.WriteString(day.UTC().Format("Monday 2 January 2006"))
	b.WriteString(" (UTC):\n")
	for _, m := range items {
		b.WriteString("\n* ")
		b.WriteString(m.Subject)
		b.WriteString("\n  ")
		b.WriteString(m.Body)
		b.WriteString("\n")
	}
	subject := "Your LMS notifications of " + day.UTC().Format("Mon 2 Jan 2006")
	if len(items) == 1 {
		subject += " (1 notification)"
	} else {
		subject += " (" + strconv.Itoa(len(items)) + " notifications)"
	}
	return Message{Subject: subject, Body: b.String()}
}
