package testkit_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.temporal.io/sdk/client"

	"lms/shared/testkit"
)

func TestPostgres_GivesEachTestItsOwnSchemaAndDropsIt(t *testing.T) {
	t.Parallel()
	var schema string
	t.Run("inner", func(t *testing.T) {
		db, s := testkit.PostgresSchema(t)
		schema = s
		_, err := db.ExecContext(t.Context(), "CREATE TABLE course (id int primary key)")
		require.NoError(t, err)
		other := testkit.Postgres(t)
		var n int
		require.NoError(t, other.NewRaw("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'course'").Scan(t.Context(), &n))
		require.Zero(t, n, "a second test database must not see the first one's tables")
	})
	probe := testkit.Postgres(t)
	var exists bool
	require.NoError(t, probe.NewRaw("SELECT exists (SELECT FROM information_schema.schemata WHERE schema_name = ?)", schema).Scan(t.Context(), &exists))
	require.False(t, exists, "the test schema must be dropped when its test ends")
}

func TestMongo_GivesEachTestItsOwnDatabase(t *testing.T) {
	t.Parallel()
	a, b := testkit.Mongo(t), testkit.Mongo(t)
	_, err := a.Collection("tests").InsertOne(t.Context(), bson.M{"title": "Midterm"})
	require.NoError(t, err)
	n, err := b.Collection("tests").CountDocuments(t.Context(), bson.M{})
	require.NoError(t, err)
	require.Zero(t, n)
	require.NotEqual(t, a.Name(), b.Name())
}

func TestKafka_CreatesPrefixedTopics(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := k.Topic(t, "lms.course.v1", 3)
	require.Equal(t, k.Prefix+".lms.course.v1", topic)
	require.NotEqual(t, k.Group("relay"), testkit.NewKafka(t).Group("relay"))
}

func TestTemporal_ConnectsToTheLMSNamespace(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	require.NotEmpty(t, queue)
	_, err := c.CheckHealth(t.Context(), &client.CheckHealthRequest{})
	require.NoError(t, err)
}
