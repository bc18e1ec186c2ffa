package postgres_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/testkit"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

func newDB(t *testing.T) *bun.DB {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	return db
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// publishedCourse stores a published course with the given capacity (0: no
// limit) and returns its id.
func publishedCourse(t *testing.T, repo *postgres.CourseRepository, capacity int) string {
	t.Helper()
	id := newID()
	c, err := course.New(id, "teacher-"+id, course.Details{Code: "C-" + id[len(id)-12:], Title: "Course " + id, Capacity: capacity}, t0)
	require.NoError(t, err)
	require.NoError(t, c.Publish(t0))
	require.NoError(t, repo.Add(t.Context(), c))
	return id
}

// request stores a requested enrollment of a new student and returns it.
func request(t *testing.T, repo *postgres.EnrollmentRepository, courseID string) *enrollment.Enrollment {
	t.Helper()
	e := enrollment.Request(newID(), courseID, "student-"+newID(), t0)
	require.NoError(t, repo.Add(t.Context(), e))
	return e
}

// outboxTypes counts the outbox's events by type.
func outboxTypes(t *testing.T, db bun.IDB) map[string]int {
	t.Helper()
	var rows []struct {
		Type string `bun:"type"`
		N    int    `bun:"n"`
	}
	require.NoError(t, db.NewRaw("SELECT type, count(*) AS n FROM outbox GROUP BY type").Scan(t.Context(), &rows))
	out := map[string]int{}
	for _, r := range rows {
		out[r.Type] = r.N
	}
	return out
}

func enrolledCount(t *testing.T, db bun.IDB, courseID string) int {
	t.Helper()
	var n int
	require.NoError(t, db.NewRaw("SELECT enrolled FROM courses WHERE id = ?", courseID).Scan(t.Context(), &n))
	return n
}
