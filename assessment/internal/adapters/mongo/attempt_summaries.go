package mongo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/mongodb"
)

// collSummaries holds one small document per attempt: what the teachers'
// list shows. FerretDB reads every document a filter matches whole, and an
// attempt with its answers and results is about twenty times the size of
// its summary, so the list of a test's thousands of attempts reads these.
const collSummaries = "attempt_summaries"

// summaryDoc is an attempt's summary as stored, with the revision of the
// attempt it was taken from: an older summary never overwrites a newer one.
type summaryDoc struct {
	ID            string     `bson:"_id" json:"id"`
	TestID        string     `bson:"test_id" json:"test_id"`
	CourseID      string     `bson:"course_id" json:"course_id"`
	StudentID     string     `bson:"student_id" json:"student_id"`
	Number        int        `bson:"number" json:"number"`
	Version       int        `bson:"version" json:"version"`
	State         string     `bson:"state" json:"state"`
	StartedAt     time.Time  `bson:"started_at" json:"started_at"`
	Deadline      *time.Time `bson:"deadline" json:"deadline"`
	SubmittedAt   *time.Time `bson:"submitted_at" json:"submitted_at"`
	Late          bool       `bson:"late" json:"late"`
	Score         float64    `bson:"score" json:"score"`
	Maximum       float64    `bson:"maximum" json:"maximum"`
	Passed        bool       `bson:"passed" json:"passed"`
	PendingEssays int        `bson:"pending_essays" json:"pending_essays"`
	Overdue       string     `bson:"overdue" json:"overdue"`
	Rev           int64      `bson:"rev" json:"rev"`
}

func fromSummary(s attempt.Summary, rev int64) summaryDoc {
	return summaryDoc{
		ID: s.ID, TestID: s.TestID, CourseID: s.CourseID, StudentID: s.StudentID, Number: s.Number,
		Version: s.Version, State: string(s.State), StartedAt: s.StartedAt.UTC(), Deadline: timePtr(s.Deadline),
		SubmittedAt: timePtr(s.SubmittedAt), Late: s.Late, Score: s.Score, Maximum: s.Maximum, Passed: s.Passed,
		PendingEssays: s.PendingEssays, Overdue: s.Overdue, Rev: rev,
	}
}

func (d summaryDoc) toDomain() attempt.Summary {
	return attempt.Summary{
		ID: d.ID, TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID, Number: d.Number,
		Version: d.Version, State: attempt.State(d.State), StartedAt: d.StartedAt.UTC(), Deadline: timeOf(d.Deadline),
		SubmittedAt: timeOf(d.SubmittedAt), Late: d.Late, Score: d.Score, Maximum: d.Maximum, Passed: d.Passed,
		PendingEssays: d.PendingEssays, Overdue: d.Overdue,
	}
}

// summaryItem is the pending item that stores the summary of the attempt a
// write leaves at revision rev. It travels in the attempt's own write, so
// the summary follows every change even across a crash, a moment later.
func summaryItem(a *attempt.Attempt, rev int64, at time.Time) (pendingItem, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return pendingItem{}, fmt.Errorf("item id: %w", err)
	}
	b, err := json.Marshal(fromSummary(a.Summary(), rev))
	if err != nil {
		return pendingItem{}, fmt.Errorf("attempt summary: %w", err)
	}
	return pendingItem{ID: id.String(), Kind: itemSummary, Key: a.ID(), Time: at.UTC(), Input: string(b)}, nil
}

// storeSummary writes the summary of an item unless the stored one was
// taken from the same or a later revision of its attempt.
func (s *Store) storeSummary(ctx context.Context, it pendingItem) error {
	var d summaryDoc
	if err := json.Unmarshal([]byte(it.Input), &d); err != nil {
		return fmt.Errorf("decode attempt summary: %w", err)
	}
	return s.putSummary(ctx, d)
}

func (s *Store) putSummary(ctx context.Context, d summaryDoc) error {
	set, err := toM(d)
	if err != nil {
		return err
	}
	delete(set, "_id")
	// FerretDB 1.24 applies an update as a read and a whole write: the
	// lock keeps this process's two writers of a summary (the relay's item
	// and an extension) from losing one.
	unlock := s.lock("summary/" + d.ID)
	defer unlock()
	_, err = s.collection(collSummaries).UpdateOne(ctx, bson.M{"_id": d.ID, "rev": bson.M{"$lt": d.Rev}},
		bson.M{"$set": set}, options.UpdateOne().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) {
		return nil // the stored summary is as new or newer
	}
	if err != nil {
		return fmt.Errorf("store summary of attempt %s: %w", d.ID, err)
	}
	return nil
}

// refreshSummary stores the summary of the attempt id as it is now.
func (s *Store) refreshSummary(ctx context.Context, id string) error {
	d, err := s.Attempts().get(ctx, id)
	if err != nil {
		return err
	}
	return s.putSummary(ctx, fromSummary(d.toDomain().Summary(), d.Rev))
}

// summariesMarker names the document of collMeta that says every attempt
// of the database has its summary.
const summariesMarker = "attempt_summaries"

// checkSummaries marks the summaries complete when the database says so or
// holds no attempt yet (a new database), and reports whether they are.
func (s *Store) checkSummaries(ctx context.Context) (bool, error) {
	meta := s.collection(collMeta)
	err := meta.FindOne(ctx, bson.M{"_id": summariesMarker}, &bson.M{})
	if err == nil {
		s.summarized.Store(true)
		return true, nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return false, fmt.Errorf("summaries marker: %w", err)
	}
	var one []bson.M
	if err := s.collection(collAttempts).FindAll(ctx, bson.M{}, &one,
		options.Find().SetProjection(bson.M{"_id": 1}).SetLimit(1)); err != nil {
		return false, fmt.Errorf("any attempt: %w", err)
	}
	if len(one) > 0 {
		return false, nil
	}
	return true, s.markSummarized(ctx)
}

func (s *Store) markSummarized(ctx context.Context) error {
	_, err := s.collection(collMeta).UpdateOne(ctx, bson.M{"_id": summariesMarker},
		bson.M{"$set": bson.M{"done_at": time.Now().UTC()}}, options.UpdateOne().SetUpsert(true))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("mark summaries complete: %w", err)
	}
	s.summarized.Store(true)
	return nil
}

// BackfillSummaries stores the summary of every attempt stored before the
// service kept summaries (its first start on an older database), in one
// pass over the attempts, and then marks the summaries complete. Until then
// the teachers' list reads the attempts themselves. It is idempotent: a
// summary the relay stored meanwhile is newer and stays.
func (s *Store) BackfillSummaries(ctx context.Context, log *slog.Logger) error {
	if s.summarized.Load() {
		return nil
	}
	cur, err := s.collection(collAttempts).Raw().Find(ctx, bson.M{}, options.Find().SetProjection(withoutItems))
	if err != nil {
		return fmt.Errorf("read attempts to summarise: %w", err)
	}
	defer func() { _ = cur.Close(context.WithoutCancel(ctx)) }()
	n := 0
	for cur.Next(ctx) {
		var d attemptDoc
		if err := cur.Decode(&d); err != nil {
			return fmt.Errorf("decode attempt to summarise: %w", err)
		}
		if err := s.putSummary(ctx, fromSummary(d.toDomain().Summary(), d.Rev)); err != nil {
			return err
		}
		if n++; n%10_000 == 0 {
			log.Info("summarising stored attempts", "done", n)
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("read attempts to summarise: %w", err)
	}
	log.Info("stored attempts summarised", "attempts", n)
	return s.markSummarized(ctx)
}

// AttemptSummaryReader reads the summaries of attempts.
type AttemptSummaryReader struct {
	s *Store
	c mongodb.Collection
}

var _ query.AttemptSummaries = AttemptSummaryReader{}

// AttemptSummaries returns the reader of the attempts' summaries.
func (s *Store) AttemptSummaries() AttemptSummaryReader {
	return AttemptSummaryReader{s: s, c: s.collection(collSummaries)}
}

// PageByTest implements query.AttemptSummaries. The test_id (and state)
// equalities are served by their indexes; on MongoDB the index on test,
// student and number serves the range and the order too, while FerretDB
// 1.24 filters and orders the test's summaries in its own process.
func (r AttemptSummaryReader) PageByTest(ctx context.Context, testID string, p query.AttemptPage) ([]attempt.Summary, error) {
	if !r.s.summarized.Load() {
		return r.pageOfAttempts(ctx, testID, p)
	}
	filter := bson.M{"test_id": testID}
	if p.State != "" {
		filter["state"] = string(p.State)
	}
	if !p.After.IsZero() {
		filter["$or"] = bson.A{
			bson.M{"student_id": bson.M{"$gt": p.After.StudentID}},
			bson.M{"student_id": p.After.StudentID, "number": bson.M{"$gt": p.After.Number}},
		}
	}
	var docs []summaryDoc
	err := r.c.FindAll(ctx, filter, &docs, options.Find().
		SetSort(bson.D{{Key: "student_id", Value: 1}, {Key: "number", Value: 1}}).SetLimit(int64(p.Limit)))
	if err != nil {
		return nil, fmt.Errorf("page of attempts at %s: %w", testID, err)
	}
	out := make([]attempt.Summary, len(docs))
	for i, d := range docs {
		out[i] = d.toDomain()
	}
	return out, nil
}

// pageOfAttempts reads the page from the attempts themselves, while the
// summaries of older attempts are still being stored.
func (r AttemptSummaryReader) pageOfAttempts(ctx context.Context, testID string, p query.AttemptPage) ([]attempt.Summary, error) {
	list, err := r.s.Attempts().ListByTest(ctx, testID)
	if err != nil {
		return nil, err
	}
	return p.Select(list), nil
}
