package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
)

// course is a published course built through the gateway.
type course struct {
	id, path, code string
	capacity       int
	lessons        []string
}

// buildCourse creates a course of capacity seats with published lessons and
// publishes it.
func buildCourse(t testing.TB, g api, teacher account, capacity int, lessons ...string) course {
	t.Helper()
	c := course{code: testkit.UniqueName("E2E"), capacity: capacity}
	created := g.call(t, teacher.token, http.MethodPost, "/api/v1/courses", c.details(), http.StatusCreated)
	c.id = created["id"].(string)
	c.path = "/api/v1/courses/" + c.id
	for _, title := range lessons {
		l := g.call(t, teacher.token, http.MethodPost, c.path+"/lessons", map[string]any{"title": title, "body": "# " + title}, http.StatusCreated)
		id := l["id"].(string)
		g.call(t, teacher.token, http.MethodPost, c.path+"/lessons/"+id+"/publish", nil, http.StatusOK)
		c.lessons = append(c.lessons, id)
	}
	published := g.call(t, teacher.token, http.MethodPost, c.path+"/publish", nil, http.StatusOK)
	require.Equal(t, "published", published["status"])
	return c
}

func (c course) details(requiredTests ...string) map[string]any {
	return map[string]any{"code": c.code, "title": "Journey " + c.code, "capacity": c.capacity, "required_tests": requiredTests}
}

// require makes passing the tests a condition of completing the course.
func (c course) require(t testing.TB, g api, teacher account, testIDs ...string) {
	t.Helper()
	edited := g.call(t, teacher.token, http.MethodPut, c.path, c.details(testIDs...), http.StatusOK)
	require.Len(t, edited["required_tests"], len(testIDs))
}

// enroll asks for a seat and waits for the enrollment workflow's answer.
func (c course) enroll(t testing.TB, g api, student account, status string) map[string]any {
	t.Helper()
	g.call(t, student.token, http.MethodPost, c.path+"/enrollment", nil, http.StatusAccepted)
	return c.await(t, g, student, status)
}

// await polls the student's enrollment until it reaches status.
func (c course) await(t testing.TB, g api, student account, status string) map[string]any {
	t.Helper()
	var last map[string]any
	require.Eventually(t, func() bool {
		if e := g.try(t, student.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK); e != nil {
			last = e
		}
		return last["status"] == status
	}, 60*time.Second, 100*time.Millisecond, "enrollment of %s never became %s (last %v)", student.id, status, last)
	return last
}
