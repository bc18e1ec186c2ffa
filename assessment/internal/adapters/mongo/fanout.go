package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/shared/flows"
)

// signalAttemptsOf signals the workflow of every attempt at the test. It
// runs again from the start after a crash; a second signal, or one to a
// workflow that has ended, changes nothing.
func (r *Relay) signalAttemptsOf(ctx context.Context, testID, signal string) error {
	var ids []struct {
		ID string `bson:"_id"`
	}
	if err := r.store.collection(collAttempts).FindAll(ctx, bson.M{"test_id": testID}, &ids,
		options.Find().SetProjection(bson.M{"_id": 1})); err != nil {
		return fmt.Errorf("attempts of test %s: %w", testID, err)
	}
	for _, a := range ids {
		if err := r.workflows.Signal(ctx, flows.AttemptWorkflowID(a.ID), signal, nil); err != nil {
			return err
		}
	}
	return nil
}
