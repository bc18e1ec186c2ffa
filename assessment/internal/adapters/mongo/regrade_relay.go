package mongo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"lms/assessment/internal/domain/exam"
	"lms/shared/flows"
)

// RegradeWorkflows starts regrade workflows; the relay's Workflows may also
// be one (the Temporal adapter is).
type RegradeWorkflows interface {
	StartRegrade(ctx context.Context, in flows.RegradeInput) error
}

// regradeItem is the start of a regrade's workflow, stored with the regrade.
func regradeItem(e exam.RegradeStarted) (pendingItem, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return pendingItem{}, fmt.Errorf("item id: %w", err)
	}
	in, err := json.Marshal(flows.RegradeInput{RegradeID: e.RegradeID, TestID: e.TestID})
	if err != nil {
		return pendingItem{}, fmt.Errorf("regrade input: %w", err)
	}
	return pendingItem{ID: id.String(), Kind: itemStartRegrade, Time: e.At.UTC(), Key: e.TestID,
		WorkflowID: flows.RegradeWorkflowID(e.RegradeID), Input: string(in)}, nil
}

func (r *Relay) startRegrade(ctx context.Context, it pendingItem) error {
	w, ok := r.workflows.(RegradeWorkflows)
	if !ok {
		return errors.New("the relay's workflows cannot start a regrade")
	}
	var in flows.RegradeInput
	if err := json.Unmarshal([]byte(it.Input), &in); err != nil {
		return fmt.Errorf("decode regrade input: %w", err)
	}
	return w.StartRegrade(ctx, in)
}
