package mongo

import (
	"context"
	"errors"
	"fmt"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/domain/attempt"
)

// sheetsKept is how many attempts' sheets a process keeps: every attempt in
// progress of a large exam week, at a few hundred bytes each (more with
// drawn questions).
const sheetsKept = 50_000

// sheetFields are the fields of an attempt its sheet is made of.
var sheetFields = bson.M{"_id": 1, "test_id": 1, "course_id": 1, "student_id": 1, "version": 1, "drawn": 1}

// newSheetCache returns an empty cache of sheets.
func newSheetCache() *lru.Cache[string, attempt.Sheet] {
	c, err := lru.New[string, attempt.Sheet](sheetsKept)
	if err != nil { // only for a size below one
		panic(err)
	}
	return c
}

// Sheet implements attempt.Repository. A sheet never changes, so the first
// read of each is kept (by this process: two replicas keeping the same sheet
// keep the same thing), and an autosave needs one write and no read.
func (r *AttemptRepository) Sheet(ctx context.Context, id string) (attempt.Sheet, error) {
	if s, ok := r.s.sheets.Get(id); ok {
		return s, nil
	}
	var d attemptDoc
	err := r.c.FindOne(ctx, bson.M{"_id": id}, &d, options.FindOne().SetProjection(sheetFields))
	if errors.Is(err, mongo.ErrNoDocuments) {
		return attempt.Sheet{}, attempt.ErrNotFound
	}
	if err != nil {
		return attempt.Sheet{}, fmt.Errorf("get the sheet of attempt %s: %w", id, err)
	}
	s := d.toDomain().Sheet()
	r.s.sheets.Add(id, s)
	return s, nil
}
