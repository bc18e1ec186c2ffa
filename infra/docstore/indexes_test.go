package docstore

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/shared/testkit"
)

// TestDocStore_EveryIndexedFieldServesFerretDBsFilters makes a database of
// its own with a collection, a single and a compound index, as a service (or
// a test of one) does: each indexed field's equality filter, _id included,
// is served by an index, not a scan of the collection.
func TestDocStore_EveryIndexedFieldServesFerretDBsFilters(t *testing.T) {
	t.Parallel()
	mdb := testkit.Mongo(t)
	c := mdb.Collection("things")
	_, err := c.Indexes().CreateOne(t.Context(), mongo.IndexModel{Keys: bson.D{{Key: "owner", Value: 1}}})
	require.NoError(t, err)
	_, err = c.Indexes().CreateOne(t.Context(), mongo.IndexModel{
		Keys: bson.D{{Key: "test_id", Value: 1}, {Key: "student.id", Value: 1}}, Options: options.Index().SetUnique(true)})
	require.NoError(t, err)
	_, err = c.InsertOne(t.Context(), bson.M{"_id": "a1", "owner": "t1", "test_id": "x", "student": bson.M{"id": "s1"}, "loose": 1})
	require.NoError(t, err)

	db := backing(t)
	tbl := table(t, db, mdb.Name(), "things")
	for field, value := range map[string]string{"_id": `"a1"`, "owner": `"t1"`, "test_id": `"x"`} {
		requireIndexed(t, db, tbl, field, value)
	}
	var lists []string
	require.NoError(t, db.NewRaw(`SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = ?::regclass AND a.amname = 'gin'
		AND NOT coalesce(c.reloptions @> ARRAY['fastupdate=off'], false)`, tbl).Scan(t.Context(), &lists))
	require.Empty(t, lists, "a GIN index with a pending list makes every search read the entries not yet merged")
	p := plan(t, db, tbl, "loose", "1")
	require.Contains(t, p, "Seq Scan", "a field without a MongoDB index has no twin either (the check can tell):\n%s", p)
}

// TestDocStore_PlansAreCustomForFerretDBsConnections checks the setting that
// lets the planner see the field name of `_jsonb->$1 @> $2` as a constant.
func TestDocStore_PlansAreCustomForFerretDBsConnections(t *testing.T) {
	t.Parallel()
	var mode string
	require.NoError(t, backing(t).NewRaw("SHOW plan_cache_mode").Scan(t.Context(), &mode))
	require.Equal(t, "force_custom_plan", mode)
}

// TestDocStore_EveryFilterOfTheAssessmentServiceIsIndexed explains, on the
// stack's own assessment database, every equality filter the assessment
// service's MongoDB adapter sends (assessment/internal/adapters/mongo: by
// id, the one attempt in progress, a test's and a student's attempts, the
// relay's pending documents, a teacher's courses, a student's enrollments,
// a page of a test's attempt summaries, a course's question bank by id).
// A new filter on a field without an index fails here once it is listed.
func TestDocStore_EveryFilterOfTheAssessmentServiceIsIndexed(t *testing.T) {
	t.Parallel()
	db := backing(t)
	filters := map[string]map[string]string{
		"attempts":          {"_id": `"a"`, "active_key": `"t/s"`, "test_id": `"t"`, "student_id": `"s"`, "pending": "true"},
		"attempt_summaries": {"_id": `"a"`, "test_id": `"t"`, "state": `"graded"`},
		"tests":             {"_id": `"t"`, "course_id": `"c"`, "pending": "true"},
		"courses":           {"_id": `"c"`, "teacher_id": `"u"`},
		"enrollments":       {"_id": `"c/s"`, "student_id": `"s"`},
		"question_banks":    {"_id": `"c"`},
	}
	for coll, fields := range filters {
		tbl := table(t, db, "assessment", coll)
		for field, value := range fields {
			requireIndexed(t, db, tbl, field, value)
		}
	}
}
