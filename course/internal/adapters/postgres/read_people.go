package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"lms/course/internal/app/query"
)

// People implements query.ReadModel.
func (m *ReadModel) People(ctx context.Context, userIDs []string) (map[string]query.Person, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(userIDs)))
	var rows []struct {
		UserID      string `bun:"user_id"`
		DisplayName string `bun:"display_name"`
		Email       string `bun:"email"`
	}
	err := m.db.NewSelect().TableExpr("people").Column("user_id", "display_name", "email").
		Where("user_id IN (?)", bun.List(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	out := make(map[string]query.Person, len(rows))
	for _, r := range rows {
		out[r.UserID] = query.Person{Name: r.DisplayName, Email: r.Email}
	}
	return out, nil
}
