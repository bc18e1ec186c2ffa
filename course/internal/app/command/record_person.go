package command

import (
	"context"
	"fmt"
	"time"

	"lms/shared/errs"
)

// Person is what iam told about a user: the name and email teachers see in
// rosters and gradebooks and a certificate shows.
type Person struct {
	// EventID is the reporting event's id; each is applied once.
	EventID     string
	UserID      string
	DisplayName string
	Email       string
	At          time.Time
}

// People keeps the names of users.
type People interface {
	// Remember records p once per EventID; a report older than what is
	// stored for the user changes nothing.
	Remember(ctx context.Context, p Person) error
}

// ErrBadPerson refuses a report no user can be found by.
var ErrBadPerson = errs.New(errs.InvalidArgument, "invalid-person", "a person report needs an event id and a user id")

// RecordPersonInput is what RecordPerson is asked: iam's report of a user.
type RecordPersonInput struct {
	Person Person
}

// RecordPerson keeps users' names from iam's events.
type RecordPerson struct {
	people People
}

// NewRecordPerson returns the RecordPerson use case.
func NewRecordPerson(people People) *RecordPerson {
	return &RecordPerson{people: people}
}

// Handle records the person.
func (h *RecordPerson) Handle(ctx context.Context, in RecordPersonInput) error {
	p := in.Person
	if p.EventID == "" || p.UserID == "" {
		return ErrBadPerson
	}
	if err := h.people.Remember(ctx, p); err != nil {
		return fmt.Errorf("remember user %s: %w", p.UserID, err)
	}
	return nil
}
