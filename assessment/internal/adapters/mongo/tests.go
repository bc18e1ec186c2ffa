package mongo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/domain/exam"
	"lms/shared/mongodb"
)

// TestRepository stores tests in the tests collection.
type TestRepository struct {
	s *Store
	c mongodb.Collection
}

var _ exam.Repository = (*TestRepository)(nil)

// withoutItems leaves the pending items out of what repositories read.
var withoutItems = bson.M{"pending_items": 0}

// getDoc reads the document id of c without its pending items; a missing
// one is notFound.
func getDoc[T any](ctx context.Context, c mongodb.Collection, what, id string, notFound error) (T, error) {
	var d T
	err := c.FindOne(ctx, bson.M{"_id": id}, &d, options.FindOne().SetProjection(withoutItems))
	if errors.Is(err, mongo.ErrNoDocuments) {
		return d, notFound
	}
	if err != nil {
		return d, fmt.Errorf("get %s %s: %w", what, id, err)
	}
	return d, nil
}

// Get implements exam.Repository.
func (r *TestRepository) Get(ctx context.Context, id string) (*exam.Test, error) {
	d, err := r.get(ctx, id)
	if err != nil {
		return nil, err
	}
	return d.toDomain(), nil
}

func (r *TestRepository) get(ctx context.Context, id string) (testDoc, error) {
	d, err := getDoc[testDoc](ctx, r.c, "test", id, exam.ErrNotFound)
	if err != nil {
		return d, err
	}
	if d.DeletedAt != nil {
		return d, exam.ErrNotFound
	}
	return d, nil
}

// Add implements exam.Repository.
func (r *TestRepository) Add(ctx context.Context, t *exam.Test) error {
	items, err := testItems(t.PopEvents())
	if err != nil {
		return err
	}
	d := fromTest(t)
	doc, err := toM(d)
	if err != nil {
		return err
	}
	if err := r.s.insert(ctx, r.c, t.ID(), doc, items); err != nil {
		return fmt.Errorf("insert test %s: %w", t.ID(), err)
	}
	return nil
}

// Update implements exam.Repository. The write is conditional on the
// revision read, so a concurrent change (an edit, or an attempt marking the
// version in use) makes it load and apply fn again.
func (r *TestRepository) Update(ctx context.Context, id string, fn func(*exam.Test) error) error {
	for range updateTries {
		d, err := r.get(ctx, id)
		if err != nil {
			return err
		}
		t := d.toDomain()
		if err := fn(t); err != nil {
			return err
		}
		items, err := testItems(t.PopEvents())
		if err != nil {
			return err
		}
		next := fromTest(t)
		set := bson.M{
			"versions": next.Versions, "published": next.Published, "published_at": next.PublishedAt,
			"released_at": next.ReleasedAt, "updated_at": next.UpdatedAt, "deleted_at": next.DeletedAt,
			"regrades": next.Regrades,
		}
		err = r.s.conditionalUpdate(ctx, r.c, id, d.Rev, set, items)
		if errors.Is(err, errConflict) {
			continue
		}
		if err != nil {
			return fmt.Errorf("update test %s: %w", id, err)
		}
		if len(items) > 0 {
			r.s.wake()
		}
		return nil
	}
	return exam.ErrVersionConflict
}

// MarkInUse implements exam.Repository. It bumps the revision, so an edit
// that read the version as unused retries and makes a new version instead,
// and it applies only to a published test, so an unpublish that read the
// test as unused retries and is refused.
func (r *TestRepository) MarkInUse(ctx context.Context, id string, n int) error {
	unlock := r.s.lock(id)
	defer unlock()
	_, err := r.c.UpdateOne(ctx,
		bson.M{"_id": id, "in_use": bson.M{"$ne": n}, "published": true},
		bson.M{"$addToSet": bson.M{"in_use": n}, "$inc": bson.M{"rev": 1}})
	if err != nil {
		return fmt.Errorf("mark version %d of test %s in use: %w", n, id, err)
	}
	return nil
}

// Version implements exam.Repository; versions in use are served from memory.
func (r *TestRepository) Version(ctx context.Context, id string, n int) (exam.Version, error) {
	if v, ok := r.s.vc.get(id, n); ok {
		return v, nil
	}
	t, err := r.Get(ctx, id)
	if err != nil {
		return exam.Version{}, err
	}
	v, err := t.Version(n)
	if err != nil {
		return exam.Version{}, err
	}
	if v.InUse {
		r.s.vc.put(id, n, v)
	}
	return v, nil
}

// ListByCourses implements exam.Repository.
func (r *TestRepository) ListByCourses(ctx context.Context, courseIDs []string, publishedOnly bool) ([]*exam.Test, error) {
	filter := bson.M{"course_id": bson.M{"$in": courseIDs}, "deleted_at": nil}
	if publishedOnly {
		filter["published"] = true
	}
	var docs []testDoc
	if err := r.c.FindAll(ctx, filter, &docs, options.Find().SetProjection(withoutItems).SetSort(bson.D{{Key: "created_at", Value: -1}})); err != nil {
		return nil, fmt.Errorf("list tests: %w", err)
	}
	out := make([]*exam.Test, len(docs))
	for i, d := range docs {
		out[i] = d.toDomain()
	}
	return out, nil
}

// versionCache holds versions in use, which never change. It is bounded by
// forgetting everything when full: a miss costs one read.
type versionCache struct {
	mu    sync.RWMutex
	limit int
	m     map[string]exam.Version
}

func newVersionCache(limit int) *versionCache {
	return &versionCache{limit: limit, m: map[string]exam.Version{}}
}

func (c *versionCache) get(id string, n int) (exam.Version, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[id+"/"+strconv.Itoa(n)]
	return v, ok
}

func (c *versionCache) put(id string, n int, v exam.Version) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.limit {
		c.m = map[string]exam.Version{}
	}
	c.m[id+"/"+strconv.Itoa(n)] = v
}
