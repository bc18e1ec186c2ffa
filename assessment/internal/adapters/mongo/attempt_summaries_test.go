package mongo_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/testkit"
)

func TestAttemptSummaries(t *testing.T) {
	t.Parallel()
	apptest.AttemptSummariesContract(t, func(t *testing.T) (attempt.Repository, query.AttemptSummaries, func()) {
		s := newStore(t)
		rec := &recorder{}
		relay := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
		settle := func() {
			_, err := relay.Drain(t.Context())
			require.NoError(t, err)
		}
		return s.Attempts(), s.AttemptSummaries(), settle
	})
}

// TestAttemptSummaries_AnOlderDatabaseIsBackfilledOnce starts on a database
// whose attempts were stored before summaries were kept: the teachers' list
// reads the attempts until the backfill has stored a summary for each.
func TestAttemptSummaries_AnOlderDatabaseIsBackfilledOnce(t *testing.T) {
	t.Parallel()
	db := testkit.Mongo(t)
	_, err := db.Collection("attempts").InsertOne(t.Context(), bson.M{
		"_id": "old", "test_id": "t1", "course_id": "c1", "student_id": "s1", "number": 1, "version": 1,
		"state": "graded", "active_key": "old", "score": 4.0, "maximum": 5.0, "passed": true, "rev": 7,
		"started_at": apptest.T0, "pending": false,
	})
	require.NoError(t, err)
	s := mongo.NewStore(db)
	require.NoError(t, s.Migrate(t.Context()))
	list := func() []attempt.Summary {
		t.Helper()
		page, err := s.AttemptSummaries().PageByTest(t.Context(), "t1", query.AttemptPage{Limit: 10})
		require.NoError(t, err)
		return page
	}
	before := list()
	require.Len(t, before, 1, "before the backfill the list reads the attempts")

	require.NoError(t, s.BackfillSummaries(t.Context(), slog.New(slog.DiscardHandler)))
	n, err := db.Collection("attempt_summaries").CountDocuments(t.Context(), bson.M{"_id": "old"})
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "the old attempt has its summary")
	require.Equal(t, before, list(), "the same line from the summary")
	require.Equal(t, 4.0, before[0].Score)

	again := mongo.NewStore(db)
	require.NoError(t, again.Migrate(t.Context()))
	_, err = db.Collection("attempt_summaries").DeleteOne(t.Context(), bson.M{"_id": "old"})
	require.NoError(t, err)
	require.NoError(t, again.BackfillSummaries(t.Context(), slog.New(slog.DiscardHandler)))
	n, err = db.Collection("attempt_summaries").CountDocuments(t.Context(), bson.M{})
	require.NoError(t, err)
	require.Zero(t, n, "a database marked complete is not read again")
}
