package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/query"
)

// ReadModel answers the queries' lists with SQL.
type ReadModel struct {
	db *bun.DB
}

var _ query.ReadModel = (*ReadModel)(nil)

// NewReadModel returns a read model over db.
func NewReadModel(db *bun.DB) *ReadModel { return &ReadModel{db: db} }

type summaryRow struct {
	ID             string    `bun:"id"`
	Code           string    `bun:"code"`
	Title          string    `bun:"title"`
	Description    string    `bun:"description"`
	Status         string    `bun:"status"`
	OwnerID        string    `bun:"owner_id"`
	Capacity       int       `bun:"capacity"`
	Enrolled       int       `bun:"enrolled"`
	OpensAt        time.Time `bun:"opens_at,nullzero"`
	ClosesAt       time.Time `bun:"closes_at,nullzero"`
	PublishedAt    time.Time `bun:"published_at,nullzero"`
	PublishedCount int       `bun:"published_count"`
	// MyRole is the asking user's staff role, in the lists of their courses.
	MyRole string `bun:"my_role"`
}

func (r summaryRow) toQuery() query.CourseSummary {
	return query.CourseSummary{
		ID: r.ID, Code: r.Code, Title: r.Title, Description: r.Description, Status: r.Status, OwnerID: r.OwnerID,
		Capacity: r.Capacity, Enrolled: r.Enrolled, Opens: utc(r.OpensAt), Closes: utc(r.ClosesAt),
		PublishedAt: utc(r.PublishedAt), PublishedCount: r.PublishedCount, StaffRole: r.MyRole,
	}
}

const summaryColumns = `c.id, c.code, c.title, c.description, c.status, c.owner_id, coalesce(c.capacity, 0) AS capacity,
	c.enrolled, c.opens_at, c.closes_at, c.published_at,
	(SELECT count(*) FROM lessons l WHERE l.course_id = c.id AND l.published) AS published_count`

// Catalogue implements query.ReadModel; the partial index on published
// codes serves the page without a search.
func (m *ReadModel) Catalogue(ctx context.Context, search, after string, limit int) ([]query.CourseSummary, error) {
	q := m.db.NewSelect().TableExpr("courses AS c").ColumnExpr(summaryColumns).
		Where("c.status = 'published'").Where("c.code > ?", after).OrderExpr("c.code").Limit(int64(limit))
	if search != "" {
		pattern := escapeLike(search)
		q = q.Where("(c.code LIKE ? OR c.title ILIKE ?)", strings.ToUpper(pattern)+"%", "%"+pattern+"%")
	}
	return m.summaries(ctx, q)
}

// TaughtBy implements query.ReadModel.
func (m *ReadModel) TaughtBy(ctx context.Context, userID string) ([]query.CourseSummary, error) {
	q := m.db.NewSelect().TableExpr("courses AS c").ColumnExpr(summaryColumns).
		ColumnExpr(`CASE WHEN c.owner_id = ? THEN 'owner'
			ELSE (SELECT s.role FROM course_staff AS s WHERE s.course_id = c.id AND s.user_id = ?) END AS my_role`, userID, userID).
		Where("c.owner_id = ? OR c.id IN (SELECT s.course_id FROM course_staff AS s WHERE s.user_id = ?)", userID, userID).
		OrderExpr("c.code")
	return m.summaries(ctx, q)
}

func (m *ReadModel) summaries(ctx context.Context, q *bun.SelectQuery) ([]query.CourseSummary, error) {
	var rows []summaryRow
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("list courses: %w", err)
	}
	out := make([]query.CourseSummary, len(rows))
	for i, r := range rows {
		out[i] = r.toQuery()
	}
	return out, nil
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
