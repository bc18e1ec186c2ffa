package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// EnrollmentRepository stores enrollments and their lesson progress, and
// hands out the seats of each course.
type EnrollmentRepository struct {
	db     *bun.DB
	starts *startSignal
}

var _ enrollment.Repository = (*EnrollmentRepository)(nil)

// NewEnrollmentRepository returns a repository over db.
func NewEnrollmentRepository(db *bun.DB) *EnrollmentRepository {
	return &EnrollmentRepository{db: db, starts: newStartSignal()}
}

// Get returns the enrollment with id.
func (r *EnrollmentRepository) Get(ctx context.Context, id string) (*enrollment.Enrollment, error) {
	return loadEnrollment(ctx, r.db, "id = ?", []any{id}, false)
}

// Current returns the student's open enrollment in the course.
func (r *EnrollmentRepository) Current(ctx context.Context, courseID, studentID string) (*enrollment.Enrollment, error) {
	return loadEnrollment(ctx, r.db, "course_id = ? AND student_id = ? AND status IN ('requested', 'pending_approval', 'waitlisted', 'active', 'completed')",
		[]any{courseID, studentID}, false)
}

// Add stores a new request with its events and the start of its workflow,
// and wakes the start relay once they are committed. The request takes the
// next arrival number of its course; the increment holds the course row
// until commit, so arrival numbers follow the order in which requests commit.
func (r *EnrollmentRepository) Add(ctx context.Context, e *enrollment.Enrollment) error {
	row, _ := enrollmentFromDomain(e)
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewRaw("UPDATE courses SET arrival_tail = arrival_tail + 1 WHERE id = ? RETURNING arrival_tail", row.CourseID).
			Scan(ctx, &row.Arrival)
		if errors.Is(err, sql.ErrNoRows) {
			return course.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("arrival number in %s: %w", row.CourseID, err)
		}
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			var pg *pgconn.PgError
			if errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == "enrollments_open" {
				return enrollment.ErrAlreadyEnrolled
			}
			return fmt.Errorf("add enrollment %s: %w", row.ID, err)
		}
		if err := recordStart(ctx, tx, row.ID); err != nil {
			return err
		}
		return appendEnrollmentEvents(ctx, tx, e.PopEvents())
	})
	if err == nil {
		r.starts.wake()
	}
	return err
}

// Update changes an enrollment under its row lock and saves it with its
// events and, for a teacher's decision on a pending request, the signal
// that wakes its workflow; the relay is woken after the commit.
func (r *EnrollmentRepository) Update(ctx context.Context, id string, fn func(*enrollment.Enrollment) error) error {
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		e, err := loadEnrollment(ctx, tx, "id = ?", []any{id}, true)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
		return saveEnrollment(ctx, tx, e)
	})
	if err == nil {
		r.starts.wake()
	}
	return err
}

func loadEnrollment(ctx context.Context, db bun.IDB, where string, args []any, forUpdate bool) (*enrollment.Enrollment, error) {
	var row enrollmentRow
	q := db.NewSelect().Model(&row).Where(where, args...)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, enrollment.ErrNotFound
		}
		return nil, fmt.Errorf("load enrollment: %w", err)
	}
	progress, err := loadProgress(ctx, db, row.ID)
	if err != nil {
		return nil, err
	}
	return row.toDomain(progress), nil
}

// waitlistPosition is the enrollment's place in its course's line (1 is
// next), or 0 when it is not waiting.
func waitlistPosition(ctx context.Context, db bun.IDB, e *enrollment.Enrollment) (int, error) {
	if e.Status() != enrollment.StatusWaitlisted {
		return 0, nil
	}
	return positionOf(ctx, db, e.CourseID(), e.WaitlistSeq())
}

// positionOf is the place in line of the arrival seq: one more than the
// students still waiting who arrived earlier.
func positionOf(ctx context.Context, db bun.IDB, courseID string, seq int64) (int, error) {
	var ahead int
	err := db.NewRaw("SELECT count(*) FROM enrollments WHERE course_id = ? AND status = 'waitlisted' AND waitlist_seq < ?",
		courseID, seq).Scan(ctx, &ahead)
	if err != nil {
		return 0, fmt.Errorf("waitlist position in %s: %w", courseID, err)
	}
	return ahead + 1, nil
}
