package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"lms/course/internal/domain/course"
)

// CourseRepository stores courses and their lessons in PostgreSQL.
type CourseRepository struct {
	db *bun.DB
}

var _ course.Repository = (*CourseRepository)(nil)

// NewCourseRepository returns a repository over db.
func NewCourseRepository(db *bun.DB) *CourseRepository { return &CourseRepository{db: db} }

// Get returns the course with id and its lessons.
func (r *CourseRepository) Get(ctx context.Context, id string) (*course.Course, error) {
	return loadCourse(ctx, r.db, id, false)
}

// Add stores a new course with its lessons and events.
func (r *CourseRepository) Add(ctx context.Context, c *course.Course) error {
	row, lessons, staff := courseFromDomain(c)
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return courseWriteError(err, row.ID)
		}
		if err := saveLessons(ctx, tx, lessons); err != nil {
			return err
		}
		if err := saveStaff(ctx, tx, row.ID, staff); err != nil {
			return err
		}
		return appendCourseEvents(ctx, tx, c.PopEvents())
	})
}

// Update changes a course under its row lock and saves it with its events.
func (r *CourseRepository) Update(ctx context.Context, id string, fn func(*course.Course) error) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := loadCourse(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		row, lessons, staff := courseFromDomain(c)
		if _, err := tx.NewUpdate().Model(&row).WherePK().Exec(ctx); err != nil {
			return courseWriteError(err, id)
		}
		if err := saveLessons(ctx, tx, lessons); err != nil {
			return err
		}
		if err := saveStaff(ctx, tx, id, staff); err != nil {
			return err
		}
		return appendCourseEvents(ctx, tx, c.PopEvents())
	})
}

// Delete removes a course and its lessons (they cascade) when fn allows it.
func (r *CourseRepository) Delete(ctx context.Context, id string, fn func(*course.Course) error) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := loadCourse(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM courses WHERE id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("delete course %s: %w", id, err)
		}
		return nil
	})
}

func loadCourse(ctx context.Context, db bun.IDB, id string, forUpdate bool) (*course.Course, error) {
	var row courseRow
	q := db.NewSelect().Model(&row).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, course.ErrNotFound
		}
		return nil, fmt.Errorf("load course %s: %w", id, err)
	}
	var lessons []lessonRow
	if err := db.NewSelect().Model(&lessons).Where("course_id = ?", id).Order("position").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load lessons of course %s: %w", id, err)
	}
	var staff []staffRow
	if err := db.NewSelect().Model(&staff).Where("course_id = ?", id).Order("user_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load staff of course %s: %w", id, err)
	}
	return row.toDomain(lessons, staff), nil
}

// saveStaff makes the stored staff of the course the given one; the course
// row is locked, so no other change interleaves.
func saveStaff(ctx context.Context, tx bun.IDB, courseID string, staff []staffRow) error {
	keep := make([]string, len(staff))
	for i, m := range staff {
		keep[i] = m.UserID
	}
	q := tx.NewDelete().Model((*staffRow)(nil)).Where("course_id = ?", courseID)
	if len(keep) > 0 {
		q = q.Where("user_id NOT IN (?)", bun.List(keep))
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("save staff of course %s: %w", courseID, err)
	}
	if len(staff) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&staff).On("CONFLICT (course_id, user_id) DO UPDATE").Set("role = EXCLUDED.role").Exec(ctx)
	if err != nil {
		return fmt.Errorf("save staff of course %s: %w", courseID, err)
	}
	return nil
}

// saveLessons upserts every lesson; the deferred unique constraint on
// positions is checked at commit, after a reorder has moved them all.
func saveLessons(ctx context.Context, tx bun.IDB, lessons []lessonRow) error {
	if len(lessons) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&lessons).
		On("CONFLICT (id) DO UPDATE").
		Set("title = EXCLUDED.title, body = EXCLUDED.body, minutes = EXCLUDED.minutes, position = EXCLUDED.position").
		Set("published = EXCLUDED.published, published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("save lessons: %w", err)
	}
	return nil
}

func courseWriteError(err error, id string) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == "courses_code_key" {
		return course.ErrCodeTaken
	}
	return fmt.Errorf("save course %s: %w", id, err)
}
