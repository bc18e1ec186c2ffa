package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/shared/inbox"
)

// TestsConsumer names the catalogue of withdrawn tests in the inbox.
const TestsConsumer = "course.tests"

// TestCatalog keeps the tests assessment withdrew, each event once.
type TestCatalog struct{ db *bun.DB }

var _ command.TestCatalog = (*TestCatalog)(nil)

// NewTestCatalog returns the catalogue over db.
func NewTestCatalog(db *bun.DB) *TestCatalog { return &TestCatalog{db: db} }

// Withdraw implements command.TestCatalog.
func (c *TestCatalog) Withdraw(ctx context.Context, eventID, testID, courseID string, at time.Time) error {
	return c.once(ctx, eventID, `INSERT INTO withdrawn_tests (test_id, course_id, withdrawn_at) VALUES (?, ?, ?)
		ON CONFLICT (test_id) DO NOTHING`, testID, courseID, at.UTC())
}

// Restore implements command.TestCatalog.
func (c *TestCatalog) Restore(ctx context.Context, eventID, testID string) error {
	return c.once(ctx, eventID, `DELETE FROM withdrawn_tests WHERE test_id = ?`, testID)
}

func (c *TestCatalog) once(ctx context.Context, eventID, query string, args ...any) error {
	return c.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		first, err := inbox.Claim(ctx, tx, TestsConsumer, eventID)
		if err != nil || !first {
			return err
		}
		if _, err := tx.NewRaw(query, args...).Exec(ctx); err != nil {
			return fmt.Errorf("withdrawn tests: %w", err)
		}
		return nil
	})
}

// WithdrawnTests implements query.ReadModel.
func (m *ReadModel) WithdrawnTests(ctx context.Context, courseID string) ([]string, error) {
	var ids []string
	err := m.db.NewSelect().TableExpr("withdrawn_tests").Column("test_id").Where("course_id = ?", courseID).
		OrderExpr("test_id").Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("withdrawn tests of %s: %w", courseID, err)
	}
	return ids, nil
}
