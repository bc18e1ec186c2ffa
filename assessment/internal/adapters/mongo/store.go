package mongo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/domain/attempt"
	"lms/shared/mongodb"
)

// Collections of the assessment database.
const (
	collTests       = "tests"
	collAttempts    = "attempts"
	collCourses     = "courses"
	collEnrollments = "enrollments"
	// collAccommodations holds one document per student and test.
	collAccommodations = "accommodations"
	// collMeta holds markers of one-off migrations of the data.
	collMeta = "meta"
)

// updateTries bounds the optimistic-concurrency retries of one Update.
const updateTries = 20

// Store is the assessment service's MongoDB database: the repositories and
// the relay share it and its wake-up signal.
type Store struct {
	db   *mongo.Database
	kick chan struct{}
	vc   *versionCache
	// sheets are the attempts' sheets read so far (they never change).
	sheets *lru.Cache[string, attempt.Sheet]
	locks  [lockStripes]sync.Mutex
	// fast is the running relay's fast path, nil while none runs.
	fast atomic.Pointer[fastPath]
	// summarized is set once every attempt has its summary.
	summarized atomic.Bool
}

// lockStripes is how many locks the store's documents share.
const lockStripes = 512

// lock serialises this process's writes to the document id and returns the
// unlock. FerretDB v1 (the local stack's server) applies an update by reading
// the document and writing the whole of it back by _id, so two concurrent
// updates of one document would lose one; the guard of
// infra/stack/ferretdb/writes.sql refuses the stale write and
// lms/shared/mongodb.Collection runs it again, across processes as within
// one. The lock only spares those retries between this process's own writes
// (an exam's autosaves, the relay's claims); MongoDB applies every
// single-document update atomically. Every update of a test or attempt
// document goes through it.
func (s *Store) lock(id string) func() {
	m := &s.locks[stripe(id)]
	m.Lock()
	return m.Unlock
}

func stripe(id string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return h.Sum32() % lockStripes
}

// NewStore returns a store over db; call Migrate before use.
func NewStore(db *mongo.Database) *Store {
	return &Store{db: db, kick: make(chan struct{}, 1), vc: newVersionCache(10_000), sheets: newSheetCache()}
}

// Migrate creates the indexes the repositories rely on; it is idempotent.
// The unique indexes are what enforce one attempt in progress per student
// and test, and one attempt per number.
func (s *Store) Migrate(ctx context.Context) error {
	indexes := map[string][]mongo.IndexModel{
		collTests: {
			{Keys: bson.D{{Key: "course_id", Value: 1}}},
			{Keys: bson.D{{Key: "pending", Value: 1}}},
		},
		collAttempts: {
			{Keys: bson.D{{Key: "active_key", Value: 1}}, Options: options.Index().SetUnique(true).SetName("one_attempt_in_progress")},
			{Keys: bson.D{{Key: "test_id", Value: 1}, {Key: "student_id", Value: 1}, {Key: "number", Value: 1}}, Options: options.Index().SetUnique(true).SetName("one_attempt_per_number")},
			{Keys: bson.D{{Key: "pending", Value: 1}}},
		},
		collAccommodations: {
			{Keys: bson.D{{Key: "test_id", Value: 1}}},
			{Keys: bson.D{{Key: "pending", Value: 1}}},
		},
		collSummaries: {
			{Keys: bson.D{{Key: "test_id", Value: 1}, {Key: "student_id", Value: 1}, {Key: "number", Value: 1}}},
			{Keys: bson.D{{Key: "test_id", Value: 1}, {Key: "state", Value: 1}, {Key: "student_id", Value: 1}, {Key: "number", Value: 1}}},
		},
		collCourses:     {{Keys: bson.D{{Key: "teacher_id", Value: 1}}}},
		collEnrollments: {{Keys: bson.D{{Key: "student_id", Value: 1}}}},
	}
	if err := s.migrateBanks(ctx); err != nil {
		return err
	}
	// One index per command: FerretDB 1.24 drops the connection (a panic
	// filtering the existing indexes out of the request) when a createIndexes
	// of several finds them all there, so a restart on the service's own
	// database would fail.
	for coll, models := range indexes {
		for _, m := range models {
			if _, err := s.db.Collection(coll).Indexes().CreateOne(ctx, m); err != nil {
				return fmt.Errorf("indexes of %s: %w", coll, err)
			}
		}
	}
	_, err := s.checkSummaries(ctx)
	return err
}

// Wake returns a channel that receives after a write stored items for the
// relay, so the relay need not wait for its next poll.
func (s *Store) Wake() <-chan struct{} { return s.kick }

func (s *Store) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Tests returns the test repository.
func (s *Store) Tests() *TestRepository { return &TestRepository{s: s, c: s.collection(collTests)} }

// Attempts returns the attempt repository.
func (s *Store) Attempts() *AttemptRepository {
	return &AttemptRepository{s: s, c: s.collection(collAttempts)}
}

// Accommodations returns the accommodation repository.
func (s *Store) Accommodations() *AccommodationRepository {
	return &AccommodationRepository{s: s, c: s.collection(collAccommodations)}
}

// Roster returns the read model of courses and enrollments.
func (s *Store) Roster() *Roster {
	return &Roster{courses: s.collection(collCourses), enrollments: s.collection(collEnrollments)}
}

// collection is the named collection with its operations' errors
// classified (a database that cannot serve now is mongodb.ErrUnavailable)
// and run to their answer once started (package mongodb says why).
func (s *Store) collection(name string) mongodb.Collection {
	return mongodb.NewCollection(s.db.Collection(name))
}

// timePtr stores a zero time as null, so "no deadline" can be queried.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func timeOf(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}

var errConflict = errors.New("changed meanwhile")
