package mongo_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// TestTwoReplicas_WritingOneAttemptAtOnceLoseNothing: two processes of the
// service (two stores, each with its own clients and its own per-document
// locks) save answers to one attempt and change it at the same moment. On
// MongoDB each update is atomic; on FerretDB it is by the guard of
// infra/stack/ferretdb/writes.sql, which is what this checks: every answer
// and the change survive, whichever replica wrote them.
func TestTwoReplicas_WritingOneAttemptAtOnceLoseNothing(t *testing.T) {
	t.Parallel()
	db := testkit.Mongo(t)
	first := mongo.NewStore(db)
	require.NoError(t, first.Migrate(t.Context()))
	client, err := mongodb.Connect(t.Context(), mongodb.Config{URI: testkit.Addresses().MongoURI, Database: db.Name()})
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(t.Context())) })
	second := mongo.NewStore(client.Database(db.Name()))
	replicas := []*mongo.Store{first, second}

	c := apptest.SampleContent()
	tt, err := exam.New("t1", "c1", "teacher", c, apptest.T0.Add(-time.Hour))
	require.NoError(t, err)
	require.NoError(t, tt.Publish(apptest.T0.Add(-time.Hour)))
	require.NoError(t, first.Tests().Add(t.Context(), tt))
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 5, Now: apptest.T0})
	require.NoError(t, err)
	require.NoError(t, first.Attempts().Add(t.Context(), a))

	const questions = 40
	var wg sync.WaitGroup
	for q := range questions {
		r := replicas[q%2].Attempts()
		wg.Go(func() {
			ans := attempt.SavedAnswer{Answer: exam.Answer{Text: fmt.Sprintf("answer %d", q)}, SavedAt: apptest.T0}
			require.NoError(t, r.SaveAnswer(t.Context(), "a1", fmt.Sprintf("q%02d", q), ans, apptest.T0.Add(time.Minute)))
		})
	}
	later := a.Deadline().Add(time.Hour)
	wg.Go(func() { require.NoError(t, second.Attempts().ExtendDeadline(t.Context(), "a1", later)) })
	wg.Wait()

	got, err := first.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Len(t, got.Answers(), questions, "every answer, from either replica, is kept")
	for q := range questions {
		require.Equal(t, fmt.Sprintf("answer %d", q), got.Answers()[fmt.Sprintf("q%02d", q)].Answer.Text)
	}
	require.True(t, later.Equal(got.Deadline()), "and the extension granted beside them")
}
