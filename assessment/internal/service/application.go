package service

import (
	"crypto/rand"
	"encoding/binary"
	"time"

	"github.com/google/uuid"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
)

// NewApplication assembles the use cases over the store.
func NewApplication(s *mongo.Store, clock command.Clock, ids command.IDs) app.Application {
	roster := s.Roster()
	return app.Application{
		Commands: command.New(command.Deps{
			Tests: s.Tests(), Attempts: s.Attempts(), Accommodations: s.Accommodations(),
			Roster: roster, Recorder: roster, Clock: clock, IDs: ids, Pages: s.Attempts(),
			Banks: s.Banks(),
		}),
		Queries: query.New(query.Deps{
			Banks: s.Banks(),
			Tests: s.Tests(), Attempts: s.Attempts(), Accommodations: s.Accommodations(), Roster: roster, Clock: clock,
			Responses: s.GradedResponses(), Summaries: s.AttemptSummaries(),
		}),
	}
}

// Clock is the system clock in UTC, to the millisecond: the precision
// MongoDB stores, so a time read back equals the time written.
type Clock struct{}

// Now returns the current time.
func (Clock) Now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// IDs makes UUIDv7 ids and random seeds.
type IDs struct{}

// NewID returns a new UUIDv7.
func (IDs) NewID() string { return uuid.Must(uuid.NewV7()).String() }

// NewSeed returns a random seed.
func (IDs) NewSeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:])
}
