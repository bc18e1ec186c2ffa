package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/mongodb"
)

// AccommodationRepository stores accommodations in their own collection,
// one document per student and test (_id "<test>/<student>").
type AccommodationRepository struct {
	s *Store
	c mongodb.Collection
}

var _ accommodation.Repository = (*AccommodationRepository)(nil)

type termsDoc struct {
	TimeFactor       float64    `bson:"time_factor,omitempty"`
	ExtraTimeSeconds int64      `bson:"extra_time_seconds,omitempty"`
	Closes           *time.Time `bson:"closes_at"`
	ExtraAttempts    int        `bson:"extra_attempts,omitempty"`
}

type changeDoc struct {
	Terms  termsDoc  `bson:"terms"`
	By     string    `bson:"by"`
	At     time.Time `bson:"at"`
	Reason string    `bson:"reason"`
}

type accommodationDoc struct {
	ID        string      `bson:"_id"`
	Rev       int64       `bson:"rev"`
	TestID    string      `bson:"test_id"`
	CourseID  string      `bson:"course_id"`
	StudentID string      `bson:"student_id"`
	Terms     termsDoc    `bson:"terms"`
	Changes   []changeDoc `bson:"changes"`
}

func accommodationID(testID, studentID string) string { return testID + "/" + studentID }

func fromTerms(t accommodation.Terms) termsDoc {
	return termsDoc{TimeFactor: t.TimeFactor, ExtraTimeSeconds: int64(t.ExtraTime / time.Second),
		Closes: timePtr(t.Closes), ExtraAttempts: t.ExtraAttempts}
}

func (d termsDoc) toDomain() accommodation.Terms {
	return accommodation.Terms{TimeFactor: d.TimeFactor, ExtraTime: time.Duration(d.ExtraTimeSeconds) * time.Second,
		Closes: timeOf(d.Closes), ExtraAttempts: d.ExtraAttempts}
}

func (d accommodationDoc) toDomain() *accommodation.Accommodation {
	changes := make([]accommodation.Change, len(d.Changes))
	for i, c := range d.Changes {
		changes[i] = accommodation.Change{Terms: c.Terms.toDomain(), By: c.By, At: c.At.UTC(), Reason: c.Reason}
	}
	return accommodation.Rehydrate(d.TestID, d.CourseID, d.StudentID, d.Terms.toDomain(), changes)
}

// Get implements accommodation.Repository.
func (r *AccommodationRepository) Get(ctx context.Context, testID, studentID string) (*accommodation.Accommodation, error) {
	d, err := r.get(ctx, accommodationID(testID, studentID))
	if err != nil {
		return nil, err
	}
	return d.toDomain(), nil
}

func (r *AccommodationRepository) get(ctx context.Context, id string) (accommodationDoc, error) {
	return getDoc[accommodationDoc](ctx, r.c, "accommodation", id, accommodation.ErrNotFound)
}

// Update implements accommodation.Repository: a first change inserts the
// document, later ones are conditional on its revision.
func (r *AccommodationRepository) Update(ctx context.Context, k accommodation.Key, fn func(*accommodation.Accommodation) ([]accommodation.Extension, error)) error {
	id := accommodationID(k.TestID, k.StudentID)
	for range updateTries {
		d, err := r.get(ctx, id)
		fresh := errors.Is(err, accommodation.ErrNotFound)
		if err != nil && !fresh {
			return err
		}
		a := d.toDomain()
		if fresh {
			a = accommodation.New(k.TestID, k.CourseID, k.StudentID)
		}
		ext, err := fn(a)
		if err != nil {
			return err
		}
		items, err := accommodationItems(a.PopEvents(), ext)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		n := fromAccommodation(a, id)
		if fresh {
			doc, err := toM(n)
			if err != nil {
				return err
			}
			err = r.s.insert(ctx, r.c, id, doc, items)
			if mongo.IsDuplicateKeyError(err) {
				continue
			}
			if err != nil {
				return fmt.Errorf("insert accommodation %s: %w", id, err)
			}
			return nil
		}
		err = r.s.conditionalUpdate(ctx, r.c, id, d.Rev, bson.M{"terms": n.Terms, "changes": n.Changes}, items)
		if errors.Is(err, errConflict) {
			continue
		}
		if err != nil {
			return fmt.Errorf("update accommodation %s: %w", id, err)
		}
		r.s.wake()
		return nil
	}
	return accommodation.ErrBusy.Wrap(fmt.Errorf("accommodation %s kept changing", id))
}

func fromAccommodation(a *accommodation.Accommodation, id string) accommodationDoc {
	changes := a.Changes()
	d := accommodationDoc{ID: id, TestID: a.TestID(), CourseID: a.CourseID(), StudentID: a.StudentID(),
		Terms: fromTerms(a.Terms()), Changes: make([]changeDoc, len(changes))}
	for i, c := range changes {
		d.Changes[i] = changeDoc{Terms: fromTerms(c.Terms), By: c.By, At: c.At.UTC(), Reason: c.Reason}
	}
	return d
}

// ListByTest implements accommodation.Repository.
func (r *AccommodationRepository) ListByTest(ctx context.Context, testID string) ([]*accommodation.Accommodation, error) {
	var docs []accommodationDoc
	if err := r.c.FindAll(ctx, bson.M{"test_id": testID}, &docs, options.Find().SetProjection(withoutItems).
		SetSort(bson.D{{Key: "student_id", Value: 1}})); err != nil {
		return nil, fmt.Errorf("list accommodations: %w", err)
	}
	out := make([]*accommodation.Accommodation, len(docs))
	for i, d := range docs {
		out[i] = d.toDomain()
	}
	return out, nil
}

// accommodationItems turns a change into its event and the extensions of
// the student's attempts in progress into items that move each attempt's
// deadline and signal its workflow.
func accommodationItems(evs []accommodation.Changed, ext []accommodation.Extension) ([]pendingItem, error) {
	var items []pendingItem
	for _, e := range evs {
		it, err := eventItem(e.TestID, "tests/"+e.TestID+"/accommodations/"+e.StudentID, events.AccommodationChanged{
			TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
			TimeFactor: e.Terms.TimeFactor, ExtraTimeMinutes: int(e.Terms.ExtraTime / time.Minute),
			ClosesAt: timePtr(e.Terms.Closes), ExtraAttempts: e.Terms.ExtraAttempts,
			ChangedBy: e.By, Reason: e.Reason, ChangedAt: e.At,
		}, e.At)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	for _, x := range ext {
		it, err := workflowItem(itemExtend, x.AttemptID, flows.SignalDeadlineExtended,
			flows.DeadlineExtended{Deadline: x.Deadline.UTC()}, time.Now())
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// extendAttempt moves the stored deadline of the attempt in progress behind
// the workflow id to at, unless it is at or after at already: the write's
// filter repeats the rule, so a repeat, or an attempt submitted meanwhile,
// changes nothing.
func (s *Store) extendAttempt(ctx context.Context, workflowID string, at time.Time) error {
	id, ok := attemptOfWorkflow(workflowID)
	if !ok {
		return fmt.Errorf("extend %s: not an attempt workflow", workflowID)
	}
	return s.Attempts().ExtendDeadline(ctx, id, at)
}

// ExtendDeadline implements attempt.Repository with one conditional write.
func (r *AttemptRepository) ExtendDeadline(ctx context.Context, id string, at time.Time) error {
	unlock := r.s.lock(id)
	_, err := r.c.UpdateOne(ctx,
		bson.M{"_id": id, "state": string(attempt.StateInProgress), "deadline": bson.M{"$lt": at.UTC()}},
		bson.M{"$set": bson.M{"deadline": at.UTC()}, "$inc": bson.M{"rev": 1}})
	unlock()
	if err != nil {
		return fmt.Errorf("extend attempt %s: %w", id, err)
	}
	// Also when nothing matched: a relay repeating the extension after a
	// crash still stores the summary it may not have stored.
	return r.s.refreshSummary(ctx, id)
}

func attemptOfWorkflow(workflowID string) (string, bool) {
	const prefix = "attempt-"
	if len(workflowID) <= len(prefix) || workflowID[:len(prefix)] != prefix {
		return "", false
	}
	return workflowID[len(prefix):], true
}
