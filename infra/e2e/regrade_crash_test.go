package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// regradeCrashStudents is how many graded attempts the crashed regrade
// handles, one per activity, so the kill lands between pages and inside one.
const regradeCrashStudents = 24

// ownRoster is the isolated assessment service's database.
func ownRoster(t *testing.T, database string) *mongodrv.Database {
	t.Helper()
	client, err := mongodb.Connect(t.Context(), mongodb.Config{URI: testkit.Addresses().MongoURI, Database: database})
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(t.Context())) })
	return client.Database(database)
}

// TestCrash_RegradeKilledHalfwayRegradesEachAttemptOnce: a regrade of 24
// graded attempts runs one attempt per page; once a few attempts show the
// new score, the workflow worker and the assessment service are killed
// with SIGKILL and started again. The regrade finishes with every attempt
// regraded exactly once (one regrade entry and two graded events per
// attempt, 24 counted as changed) and the gradebook shows every new score.
func TestCrash_RegradeKilledHalfwayRegradesEachAttemptOnce(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	tc := newTemporal(t)
	teacher := g.teacher(t, g.admin(t), "regrade-crash-teacher")
	own := newIsolated(t)
	own.worker.env = append(own.worker.env, "WORKER_REGRADE_PAGE_SIZE=1")
	own.assessment.start(t)
	own.worker.start(t)

	c := buildCourse(t, g, teacher, regradeCrashStudents+1)
	// The service of the test's own reads the course topic from its start
	// (a new group), which the shared stack has made long: its roster is
	// given the course and the students as the events would, so the test
	// does not wait for the whole history.
	roster := ownRoster(t, own.database)
	seed := func(coll, id string, set bson.M) {
		// The roster's consumer may insert the same document at the same
		// moment; an upsert that loses that race is refused as a duplicate
		// and, tried again, updates the document the consumer made. It
		// writes as the service does (counting its writes, see
		// shared/mongodb.WritesField), as a second writer of the document.
		var err error
		for range 3 {
			_, err = mongodb.NewCollection(roster.Collection(coll)).UpdateOne(t.Context(), bson.M{"_id": id},
				bson.M{"$set": set, "$push": bson.M{"events": "seed-" + id}}, options.UpdateOne().SetUpsert(true))
			if !mongodrv.IsDuplicateKeyError(err) {
				break
			}
		}
		require.NoError(t, err)
	}
	seed("courses", c.id, bson.M{"teacher_id": teacher.id, "as_of": time.Now().UTC()})
	body := quiz(600)
	body["course_id"] = c.id
	var created map[string]any
	require.Eventually(t, func() bool {
		created = own.api.try(t, teacher.token, http.MethodPost, "/api/v1/tests", body, http.StatusCreated)
		return created != nil
	}, 5*time.Minute, time.Second, "the assessment service never learnt of course %s", c.id)
	testID := created["id"].(string)
	own.api.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil, http.StatusOK)
	var attempts []string
	for i := range regradeCrashStudents {
		student := g.register(t, fmt.Sprintf("regrade-crash-%d", i))
		c.enroll(t, g, student, flows.EnrollmentActive)
		seed("enrollments", c.id+"/"+student.id, bson.M{"course_id": c.id, "student_id": student.id, "status": "active", "as_of": time.Now().UTC()})
		id := startAttempt(t, own.api, student, testID)
		answer(t, own.api, student, id, map[string]any{"pick": map[string]any{"options": []string{"b"}}})
		own.api.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil, http.StatusOK)
		attempts = append(attempts, id)
	}
	for _, id := range attempts {
		awaitAttempt(t, own.api, teacher, id, func(a map[string]any) bool { return a["state"] == "graded" })
	}
	log := readEvents(t, attempts...)

	status, raw := own.api.do(t, teacher.token, http.MethodPost, regradesPath(testID),
		map[string]any{"question": fixedPick(), "reason": "b is the rule in the syllabus"})
	require.Equal(t, http.StatusAccepted, status, string(raw))
	regraded := func() int {
		n := 0
		list := own.api.call(t, teacher.token, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil, http.StatusOK)
		for _, a := range list["attempts"].([]any) {
			if s, ok := a.(map[string]any)["score"].(float64); ok && s == 2 {
				n++
			}
		}
		return n
	}
	require.Eventually(t, func() bool { return regraded() >= 3 }, 2*time.Minute, 20*time.Millisecond, "the regrade never started")
	own.worker.kill(t)
	own.assessment.kill(t)
	own.assessment.start(t)
	halfway := regraded()
	require.Less(t, halfway, regradeCrashStudents, "the regrade finished before the kill; the test proves nothing")
	t.Logf("killed with %d of %d attempts regraded", halfway, regradeCrashStudents)
	own.worker.start(t)

	var done map[string]any
	require.Eventually(t, func() bool {
		list := own.api.call(t, teacher.token, http.MethodGet, regradesPath(testID), nil, http.StatusOK)["regrades"].([]any)
		done = list[0].(map[string]any)
		return done["status"] == "done"
	}, 3*time.Minute, 250*time.Millisecond, "the regrade never finished after the restart (%d of %d regraded at the kill)", halfway, regradeCrashStudents)
	require.InDelta(t, regradeCrashStudents, done["attempts_seen"], 0)
	require.InDelta(t, regradeCrashStudents, done["attempts_changed"], 0, "each changed attempt counted once")
	tc.requireStatus(t, flows.RegradeWorkflowID(done["id"].(string)), enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED)
	for _, id := range attempts {
		a := own.api.call(t, teacher.token, http.MethodGet, "/api/v1/attempts/"+id, nil, http.StatusOK)
		require.InDelta(t, 2, a["score"], 0, "attempt %s", id)
		require.Len(t, a["regrades"], 1, "attempt %s regraded once", id)
	}
	for _, id := range attempts {
		log.requireEvents(t, id, map[string]int{events.TypeAttemptGraded: 2})
	}
	require.Eventually(t, func() bool {
		book := bestPoints(t, g, teacher, c)
		if len(book) != regradeCrashStudents {
			return false
		}
		for _, p := range book {
			if p != "2" {
				return false
			}
		}
		return true
	}, 60*time.Second, 200*time.Millisecond, "the gradebook never showed every new score")
}
