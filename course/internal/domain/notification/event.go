package notification

import (
	"fmt"
	"strings"
	"time"
)

// Event is something that happened to a person, told by a domain event,
// with what the message about it needs.
type Event struct {
	// ID is the domain event's id: with the recipient and the channel it
	// is the key a delivery happens once by.
	ID        string
	Kind      Kind
	Recipient string
	CourseID  string
	// EnrollmentID is the enrollment the event is about, if any: an
	// activation of one that waited on the waitlist is a promotion.
	EnrollmentID string
	// CourseTitle names the course in the message; empty when unknown.
	CourseTitle string
	// Detail is what the kind adds: the refusal's reason, the place on the
	// waitlist, the score.
	Detail string
	// About is the person the event concerns when she is not its recipient
	// (the student whose request the staff decide); her name is the
	// message's Detail when it has none.
	About string
	// AboutName is About's display name, filled in from what the store
	// knows; empty when unknown.
	AboutName string
	At        time.Time
}

// Validate refuses an event no delivery can be keyed by.
func (e Event) Validate() error {
	if e.ID == "" || e.Recipient == "" {
		return ErrBadEvent
	}
	if _, err := ParseKind(string(e.Kind)); err != nil {
		return err
	}
	return nil
}

// Stale reports whether e happened more than maxAge before now: old news,
// such as the history a new reader of a topic finds, is no notification.
// A zero maxAge keeps every event.
func (e Event) Stale(now time.Time, maxAge time.Duration) bool {
	return maxAge > 0 && !e.At.IsZero() && now.Sub(e.At) > maxAge
}

// Promoted returns e as a promotion from the waitlist when it activates an
// enrollment that waited, and e itself otherwise.
func (e Event) Promoted(fromWaitlist bool) Event {
	if e.Kind == KindEnrollmentActivated && fromWaitlist {
		e.Kind = KindWaitlistPromoted
	}
	return e
}

// Message is what a person reads: a subject line and a plain-text body.
type Message struct {
	Subject string
	Body    string
}

// Compose writes the message an event becomes.
func Compose(e Event) Message {
	course := strings.TrimSpace(e.CourseTitle)
	if course == "" {
		course = "your course"
	} else {
		course = fmt.Sprintf("%q", course)
	}
	switch e.Kind {
	case KindEnrollmentActivated:
		return Message{"You are enrolled in " + course, "You hold a seat in " + course + ". Its lessons are open to you."}
	case KindEnrollmentWaitlisted:
		body := course + " is full, so you are on its waitlist."
		if e.Detail != "" {
			body += " Your place in line: " + e.Detail + "."
		}
		return Message{"You are on the waitlist of " + course, body + " You will hear from us when a seat is yours."}
	case KindEnrollmentRejected:
		body := "Your request to join " + course + " was refused."
		if e.Detail != "" {
			body += " Reason: " + e.Detail + "."
		}
		return Message{"Your enrollment in " + course + " was refused", body}
	case KindWaitlistPromoted:
		return Message{"A seat in " + course + " is yours", "A seat opened in " + course + " and went to you, next on its waitlist. Its lessons are open to you."}
	case KindResultsReleased:
		body := "The results of your attempt in " + course + " are released."
		if e.Detail != "" {
			body += " " + e.Detail
		}
		return Message{"Your results in " + course + " are released", body}
	case KindCertificateIssued:
		return Message{"Your certificate for " + course, "You completed " + course + " and your certificate of completion is issued. Congratulations!"}
	case KindDeadlineApproaching:
		return Message{"A test in " + course + " closes within a day", "You have not started " + orDefault(e.Detail, "a test") + " in " + course + ". Start it before it closes."}
	case KindGradingOverdue:
		return Message{"Grading overdue in " + course, "The attempt of " + orDefault(e.AboutName, "a student") + " in " + course +
			" waits for grading " + orDefault(e.Detail, "longer than it should") + "."}
	case KindApprovalRequested:
		return Message{"A student asks to join " + course, orDefault(e.Detail, "A student") + " asks to join " + course + ". The request waits for your decision."}
	case KindApprovalReminder:
		return Message{"A request to join " + course + " still waits", "The request of " + orDefault(e.Detail, "a student") + " to join " + course + " still waits for a decision."}
	case KindApprovalEscalated:
		return Message{"A request to join " + course + " needs an administrator", "The request of " + orDefault(e.Detail, "a student") + " to join " + course + " waited too long for the course's staff: please decide it."}
	}
	return Message{"News from the LMS", "Something happened in " + course + "."}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
