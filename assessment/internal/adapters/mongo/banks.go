package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"lms/assessment/internal/domain/bank"
	"lms/shared/mongodb"
)

// collBanks holds one question bank per course (_id the course's id).
const collBanks = "question_banks"

// Banks returns the question bank repository.
func (s *Store) Banks() *BankRepository { return &BankRepository{s: s, c: s.collection(collBanks)} }

// migrateBanks makes the banks' collection. Banks are read and written by
// _id only, which needs no index of ours; the collection is made here so it
// exists (and the stack's index check can explain its filters) before the
// first bank is written.
func (s *Store) migrateBanks(ctx context.Context) error {
	err := s.db.CreateCollection(ctx, collBanks)
	var ce mongo.CommandError
	if err == nil || errors.As(err, &ce) && ce.Code == 48 { // 48: the collection exists
		return nil
	}
	return fmt.Errorf("collection %s: %w", collBanks, err)
}

// BankRepository stores each course's question bank as one document (_id
// the course's id) with every question and version, so an edit or a whole
// import is one atomic write and a draw one read by _id.
type BankRepository struct {
	s *Store
	c mongodb.Collection
}

var _ bank.Repository = (*BankRepository)(nil)

// errNoBank marks a course without a bank document yet.
var errNoBank = errors.New("no bank yet")

type bankDoc struct {
	ID        string            `bson:"_id"`
	Questions []bankQuestionDoc `bson:"questions"`
	UpdatedAt time.Time         `bson:"updated_at"`
	Rev       int64             `bson:"rev"`
}

type bankQuestionDoc struct {
	ID        string           `bson:"id"`
	Versions  []bankVersionDoc `bson:"versions"`
	RetiredAt *time.Time       `bson:"retired_at"`
}

type bankVersionDoc struct {
	Number    int         `bson:"number"`
	Category  string      `bson:"category"`
	Tags      []string    `bson:"tags"`
	Question  questionDoc `bson:"question"`
	CreatedAt time.Time   `bson:"created_at"`
	CreatedBy string      `bson:"created_by"`
}

func fromBank(b *bank.Bank) bankDoc {
	d := bankDoc{ID: b.CourseID(), Questions: []bankQuestionDoc{}, UpdatedAt: b.UpdatedAt().UTC()}
	for _, q := range b.Questions() {
		qd := bankQuestionDoc{ID: q.ID, RetiredAt: timePtr(q.RetiredAt)}
		for _, v := range q.Versions {
			qd.Versions = append(qd.Versions, bankVersionDoc{
				Number: v.Number, Category: v.Entry.Category, Tags: append([]string{}, v.Entry.Tags...),
				Question: fromQuestion(v.Entry.Question), CreatedAt: v.CreatedAt.UTC(), CreatedBy: v.CreatedBy,
			})
		}
		d.Questions = append(d.Questions, qd)
	}
	return d
}

func (d bankDoc) toDomain() *bank.Bank {
	qs := make([]bank.Question, len(d.Questions))
	for i, qd := range d.Questions {
		q := bank.Question{ID: qd.ID, RetiredAt: timeOf(qd.RetiredAt)}
		for _, v := range qd.Versions {
			q.Versions = append(q.Versions, bank.Version{
				Number: v.Number, Entry: bank.Entry{Category: v.Category, Tags: v.Tags, Question: toQuestion(v.Question)},
				CreatedAt: v.CreatedAt.UTC(), CreatedBy: v.CreatedBy,
			})
		}
		qs[i] = q
	}
	return bank.Rehydrate(d.ID, qs, d.UpdatedAt.UTC())
}

func (r *BankRepository) get(ctx context.Context, courseID string) (bankDoc, error) {
	return getDoc[bankDoc](ctx, r.c, "bank", courseID, errNoBank)
}

// Get implements bank.Repository.
func (r *BankRepository) Get(ctx context.Context, courseID string) (*bank.Bank, error) {
	d, err := r.get(ctx, courseID)
	if errors.Is(err, errNoBank) {
		return bank.New(courseID), nil
	}
	if err != nil {
		return nil, err
	}
	return d.toDomain(), nil
}

// Update implements bank.Repository: the first change inserts the
// document, later ones are conditional on its revision.
func (r *BankRepository) Update(ctx context.Context, courseID string, fn func(*bank.Bank) error) error {
	for range updateTries {
		d, err := r.get(ctx, courseID)
		fresh := errors.Is(err, errNoBank)
		if err != nil && !fresh {
			return err
		}
		b := d.toDomain()
		if fresh {
			b = bank.New(courseID)
		}
		if err := fn(b); err != nil {
			return err
		}
		if !b.Changed() {
			return nil
		}
		n := fromBank(b)
		if fresh {
			err = r.c.InsertOne(ctx, n)
			if mongo.IsDuplicateKeyError(err) {
				continue
			}
			if err != nil {
				return fmt.Errorf("insert bank %s: %w", courseID, err)
			}
			return nil
		}
		err = r.s.conditionalUpdate(ctx, r.c, courseID, d.Rev, bson.M{"questions": n.Questions, "updated_at": n.UpdatedAt}, nil)
		if errors.Is(err, errConflict) {
			continue
		}
		if err != nil {
			return fmt.Errorf("update bank %s: %w", courseID, err)
		}
		return nil
	}
	return bank.ErrBusy.Wrap(fmt.Errorf("bank %s kept changing", courseID))
}
