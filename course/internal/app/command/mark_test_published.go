package command

import (
	"context"
	"fmt"
)

// MarkTestPublishedInput is assessment's report of a test published.
type MarkTestPublishedInput struct {
	EventID string
	TestID  string
}

// MarkTestPublished records a test published (again), so a course may
// require it again.
type MarkTestPublished struct{ catalog TestCatalog }

// NewMarkTestPublished returns the MarkTestPublished use case.
func NewMarkTestPublished(catalog TestCatalog) *MarkTestPublished {
	return &MarkTestPublished{catalog: catalog}
}

// Handle records the test published.
func (h *MarkTestPublished) Handle(ctx context.Context, in MarkTestPublishedInput) error {
	if in.EventID == "" || in.TestID == "" {
		return ErrBadTestReport
	}
	if err := h.catalog.Restore(ctx, in.EventID, in.TestID); err != nil {
		return fmt.Errorf("restore test %s: %w", in.TestID, err)
	}
	return nil
}
