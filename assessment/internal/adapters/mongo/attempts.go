package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/domain/attempt"
	"lms/shared/mongodb"
)

// AttemptRepository stores attempts in the attempts collection.
type AttemptRepository struct {
	s *Store
	c mongodb.Collection
}

var _ attempt.Repository = (*AttemptRepository)(nil)

// Get implements attempt.Repository.
func (r *AttemptRepository) Get(ctx context.Context, id string) (*attempt.Attempt, error) {
	d, err := r.get(ctx, id)
	if err != nil {
		return nil, err
	}
	return d.toDomain(), nil
}

func (r *AttemptRepository) get(ctx context.Context, id string) (attemptDoc, error) {
	return getDoc[attemptDoc](ctx, r.c, "attempt", id, attempt.ErrNotFound)
}

// Add implements attempt.Repository. The unique indexes decide races: a
// second attempt in progress, or a second attempt with the same number.
func (r *AttemptRepository) Add(ctx context.Context, a *attempt.Attempt) error {
	items, err := attemptItems(a.PopEvents())
	if err != nil {
		return err
	}
	sum, err := summaryItem(a, 0, a.StartedAt())
	if err != nil {
		return err
	}
	items = append(items, sum)
	doc, err := toM(fromAttempt(a))
	if err != nil {
		return err
	}
	err = r.s.insert(ctx, r.c, a.ID(), doc, items)
	if mongo.IsDuplicateKeyError(err) {
		var other attemptDoc
		ferr := r.c.FindOne(ctx, bson.M{"active_key": a.TestID() + "/" + a.StudentID()}, &other, options.FindOne().SetProjection(bson.M{"_id": 1}))
		switch {
		case ferr == nil:
			return attempt.ErrInProgress.With("attempt_id", other.ID)
		case !errors.Is(ferr, mongo.ErrNoDocuments):
			// The store failed while telling the two refusals apart.
			return fmt.Errorf("find the attempt in progress: %w", ferr)
		}
		return attempt.ErrNumberTaken
	}
	if err != nil {
		return fmt.Errorf("insert attempt %s: %w", a.ID(), err)
	}
	return nil
}

// Update implements attempt.Repository. Answers are not written here (only
// SaveAnswer writes them); the write is conditional on the revision read, and
// every save bumps it, so fn never decides on stale answers.
func (r *AttemptRepository) Update(ctx context.Context, id string, fn func(*attempt.Attempt) error) error {
	for range updateTries {
		d, err := r.get(ctx, id)
		if err != nil {
			return err
		}
		a := d.toDomain()
		before := a.Summary()
		if err := fn(a); err != nil {
			return err
		}
		items, err := attemptItems(a.PopEvents())
		if err != nil {
			return err
		}
		// The summary only when it changed: the write moves the attempt
		// to the next revision.
		if a.Summary() != before {
			sum, err := summaryItem(a, d.Rev+1, time.Now())
			if err != nil {
				return err
			}
			items = append(items, sum)
		}
		n := fromAttempt(a)
		set := bson.M{
			"state": n.State, "active_key": n.ActiveKey, "submitted_at": n.SubmittedAt, "submitted_by": n.SubmittedBy,
			"late": n.Late, "results": n.Results, "score": n.Score, "maximum": n.Maximum, "penalty": n.Penalty,
			"passed": n.Passed, "graded_at": n.GradedAt, "graded_by": n.GradedBy, "overdue": n.Overdue,
			"released_at": n.ReleasedAt, "regrades": n.Regrades, "fixes": n.Fixes, "closes_at": n.Closes,
		}
		err = r.s.conditionalUpdate(ctx, r.c, id, d.Rev, set, items)
		if errors.Is(err, errConflict) {
			continue
		}
		if err != nil {
			return fmt.Errorf("update attempt %s: %w", id, err)
		}
		if len(items) > 0 {
			r.s.wake()
		}
		return nil
	}
	return attempt.ErrBusy.Wrap(fmt.Errorf("attempt %s kept changing", id))
}

// SaveAnswer implements attempt.Repository with one conditional write: the
// filter holds the state and deadline, so a save after the deadline or the
// submission matches nothing and changes nothing.
func (r *AttemptRepository) SaveAnswer(ctx context.Context, id, questionID string, ans attempt.SavedAnswer, now time.Time) error {
	unlock := r.s.lock(id)
	res, err := r.c.UpdateOne(ctx,
		bson.M{
			"_id": id, "state": string(attempt.StateInProgress),
			"$or": bson.A{bson.M{"deadline": nil}, bson.M{"deadline": bson.M{"$gt": now.UTC()}}},
		},
		bson.M{"$set": bson.M{"answers." + questionID: fromAnswer(ans)}, "$inc": bson.M{"rev": 1}})
	unlock()
	if err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	if res.MatchedCount == 1 {
		return nil
	}
	d, err := r.get(ctx, id)
	if err != nil {
		return err
	}
	if d.State != string(attempt.StateInProgress) {
		return attempt.ErrNotInProgress
	}
	return attempt.ErrDeadlinePassed
}

// ListByTest implements attempt.Repository.
func (r *AttemptRepository) ListByTest(ctx context.Context, testID string) ([]*attempt.Attempt, error) {
	return r.list(ctx, bson.M{"test_id": testID})
}

// ListByStudent implements attempt.Repository.
func (r *AttemptRepository) ListByStudent(ctx context.Context, testID, studentID string) ([]*attempt.Attempt, error) {
	return r.list(ctx, bson.M{"test_id": testID, "student_id": studentID})
}

func (r *AttemptRepository) list(ctx context.Context, filter bson.M) ([]*attempt.Attempt, error) {
	var docs []attemptDoc
	if err := r.c.FindAll(ctx, filter, &docs, options.Find().SetProjection(withoutItems).
		SetSort(bson.D{{Key: "student_id", Value: 1}, {Key: "number", Value: 1}})); err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	out := make([]*attempt.Attempt, len(docs))
	for i, d := range docs {
		out[i] = d.toDomain()
	}
	return out, nil
}
