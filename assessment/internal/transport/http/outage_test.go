package http_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// TestAPI_ASaturatedDatabaseAnswers503WithRetryAfter: with every connection
// of the service's pool held by an operation FerretDB is slow to answer, a
// request is told 503 database-unavailable and when to come back, within
// the pool's wait, not 500; the held request finishes once the server
// answers.
func TestAPI_ASaturatedDatabaseAnswers503WithRetryAfter(t *testing.T) {
	t.Parallel()
	name := testkit.Mongo(t).Name()
	client, err := mongodb.Connect(t.Context(), mongodb.Config{
		URI: testkit.Addresses().MongoURI, Database: name, MaxPool: 1, Wait: 300 * time.Millisecond,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(t.Context())) })
	s := newServerOn(t, client.Database(name))
	s.publishedTest(t, testBody())

	hold := testkit.HoldCollection(t, client.Database(name).Collection("tests"))
	held := make(chan response, 1)
	go func() { held <- s.call(t, s.teacher, http.MethodGet, "/api/v1/tests?course_id=c1", nil) }()
	hold.WaitUntilHeld(t)

	res := s.call(t, s.alice, http.MethodGet, "/api/v1/tests?course_id=c1", nil)
	require.Equal(t, http.StatusServiceUnavailable, res.status, "%s", res.raw)
	require.Equal(t, "database-unavailable", res.slug())
	require.Equal(t, "5", res.header.Get("Retry-After"))

	hold.Release()
	require.Equal(t, http.StatusOK, (<-held).status)
	require.Equal(t, http.StatusOK, s.call(t, s.alice, http.MethodGet, "/api/v1/tests?course_id=c1", nil).status, "served again")
}
