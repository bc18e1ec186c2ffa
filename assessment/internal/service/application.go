package service

import (
	"crypto/rand"
	"encoding/binary"
	"time"

	"github.com/google/uuid"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app"
	"lms/assessment/internal/app/port"
	"lms/shared/usecase"
)

// NewApplication assembles the use cases over the store, each observed by
// o (nil for none).
func NewApplication(s *mongo.Store, clock port.Clock, ids port.IDs, o *usecase.Observer) app.Application {
	roster := s.Roster()
	return app.New(app.Deps{
		Tests: s.Tests(), Attempts: s.Attempts(), Accommodations: s.Accommodations(), Banks: s.Banks(),
		Roster: roster, Recorder: roster, Clock: clock, IDs: ids, Pages: s.Attempts(),
		Responses: s.GradedResponses(), Summaries: s.AttemptSummaries(),
	}, o)
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
