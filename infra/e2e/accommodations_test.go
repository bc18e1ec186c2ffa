package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// grantPath is the route of a student's accommodation at a test.
func grantPath(testID, studentID string) string {
	return "/api/v1/tests/" + testID + "/accommodations/" + studentID
}

func deadlineOf(t *testing.T, attempt map[string]any) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339Nano, attempt["deadline"].(string))
	require.NoError(t, err)
	return d
}

// TestAccommodation_ExtensionTenSecondsBeforeTheDeadlineKeepsTheAttemptOpen:
// a teacher gives a student a minute more while her 30-second attempt runs,
// 10 s before its deadline. The student's view shows the new deadline as
// soon as the grant answers; an answer saved after the old deadline is
// taken; the attempt workflow's durable timer submits it at the new
// deadline, not the old one, and the late answer counts.
func TestAccommodation_ExtensionTenSecondsBeforeTheDeadlineKeepsTheAttemptOpen(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	testID := writeTest(t, f.g, f.teacher, f.c, quiz(30))["id"].(string)
	attemptID := startAttempt(t, f.g, f.student, testID)
	old := deadlineOf(t, f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK))

	require.Eventually(t, func() bool { return !time.Now().Before(old.Add(-10 * time.Second)) }, 30*time.Second, 50*time.Millisecond)
	granted := f.g.call(t, f.teacher.token, http.MethodPut, grantPath(testID, f.student.id),
		map[string]any{"extra_time_minutes": 1, "reason": "the room's network failed"}, http.StatusOK)
	require.Equal(t, true, granted["changed"])
	extended := granted["extended_attempts"].([]any)
	require.Len(t, extended, 1)
	want := old.Add(time.Minute)
	require.Equal(t, attemptID, extended[0].(map[string]any)["attempt_id"])
	require.True(t, time.Now().Before(old), "the grant must answer before the old deadline for this test to mean anything")

	mine := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, want, deadlineOf(t, mine), "her view shows the new deadline at once")

	require.Eventually(t, func() bool { return time.Now().After(old.Add(3 * time.Second)) }, 30*time.Second, 100*time.Millisecond)
	answer(t, f.g, f.student, attemptID, map[string]any{"pick": map[string]any{"options": []string{"a"}}})
	mine = f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, "in_progress", mine["state"], "still open after the old deadline")

	var graded map[string]any
	require.Eventually(t, func() bool {
		graded = f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
		return graded["result"] != nil
	}, 2*time.Minute, 250*time.Millisecond, "the attempt was never submitted and graded")
	require.Equal(t, "deadline", graded["submitted_by"], "submitted by the clock")
	submittedAt, err := time.Parse(time.RFC3339Nano, graded["submitted_at"].(string))
	require.NoError(t, err)
	require.Equal(t, want, submittedAt, "at the new deadline")
	require.InDelta(t, 2.0, graded["result"].(map[string]any)["score"], 1e-9, "the answer saved after the old deadline counts")
}

// TestAccommodation_GrantingTwiceAddsOnceAndOnlyTheCoursesTeachersGrant:
// the same terms sent twice are one change (the second answers changed:
// false and moves nothing); the change is listed for the staff with who,
// when and why; a reason is required; a teaching assistant may read the
// list but not grant; a student may neither grant nor list, sees her own
// terms applied in her view of the test, and another student sees none.
func TestAccommodation_GrantingTwiceAddsOnceAndOnlyTheCoursesTeachersGrant(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	other := f.g.register(t, "acc-other")
	f.c.enroll(t, f.g, other, "active")
	ta := f.g.register(t, "acc-assistant")
	f.g.call(t, f.teacher.token, http.MethodPost, f.c.path+"/staff", map[string]any{"user_id": ta.id, "role": "teaching_assistant"}, http.StatusCreated)
	taTeacher := f.g.teacher(t, f.g.admin(t), "acc-assistant-teacher")
	f.g.call(t, f.teacher.token, http.MethodPost, f.c.path+"/staff", map[string]any{"user_id": taTeacher.id, "role": "teaching_assistant"}, http.StatusCreated)
	testID := writeTest(t, f.g, f.teacher, f.c, quiz(600))["id"].(string)
	attemptID := startAttempt(t, f.g, f.student, testID)
	started := deadlineOf(t, f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK))

	fixesSend(t, f.g, f.teacher.token, http.MethodPut, grantPath(testID, f.student.id),
		map[string]any{"time_factor": 1.5}).require(t, http.StatusBadRequest, "accommodation-reason-required", "reason")
	body := map[string]any{"time_factor": 1.5, "reason": "documented accommodation"}
	first := f.g.call(t, f.teacher.token, http.MethodPut, grantPath(testID, f.student.id), body, http.StatusOK)
	require.Equal(t, true, first["changed"])
	require.Len(t, first["extended_attempts"].([]any), 1)
	body["reason"] = "sent again"
	second := f.g.call(t, f.teacher.token, http.MethodPut, grantPath(testID, f.student.id), body, http.StatusOK)
	require.Equal(t, false, second["changed"])
	require.Empty(t, second["extended_attempts"])
	mine := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, started.Add(5*time.Minute), deadlineOf(t, mine), "ten minutes times one and a half, once")

	var list map[string]any
	require.Eventually(t, func() bool { // the staff change reaches assessment through Kafka
		list = f.g.try(t, ta.token, http.MethodGet, "/api/v1/tests/"+testID+"/accommodations", nil, http.StatusOK)
		return list != nil
	}, 60*time.Second, 200*time.Millisecond, "the assistant never could read the list")
	accs := list["accommodations"].([]any)
	require.Len(t, accs, 1)
	acc := accs[0].(map[string]any)
	require.Equal(t, f.student.id, acc["student_id"])
	changes := acc["changes"].([]any)
	require.Len(t, changes, 1, "granted twice, recorded once")
	change := changes[0].(map[string]any)
	require.Equal(t, f.teacher.id, change["changed_by"])
	require.Equal(t, "documented accommodation", change["reason"])
	require.NotEmpty(t, change["changed_at"])

	// The assistant holds only the student role in her token: refused on
	// the role before anything is read, as for every change of a test.
	fixesSend(t, f.g, ta.token, http.MethodPut, grantPath(testID, other.id),
		map[string]any{"extra_attempts": 1, "reason": "r"}).require(t, http.StatusForbidden, "forbidden", "")
	// An assistant who is a teacher elsewhere is on this course's staff, in
	// a role that does not grant.
	var p fixesProblem
	require.Eventually(t, func() bool {
		p = fixesSend(t, f.g, taTeacher.token, http.MethodPut, grantPath(testID, other.id), map[string]any{"extra_attempts": 1, "reason": "r"})
		return p.slug == "staff-role-insufficient"
	}, 60*time.Second, 200*time.Millisecond, "last answer %s", p.raw)
	fixesSend(t, f.g, f.student.token, http.MethodPut, grantPath(testID, f.student.id),
		map[string]any{"extra_attempts": 5, "reason": "I would like more"}).require(t, http.StatusForbidden, "forbidden", "")
	fixesSend(t, f.g, f.student.token, http.MethodGet, "/api/v1/tests/"+testID+"/accommodations", nil).
		require(t, http.StatusForbidden, "forbidden", "")

	hers := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK)
	require.Equal(t, 1.5, hers["accommodation"].(map[string]any)["time_factor"])
	require.EqualValues(t, 900, hers["settings"].(map[string]any)["time_limit_seconds"], "her time limit, accommodation applied")
	theirs := f.g.call(t, other.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK)
	require.NotContains(t, theirs, "accommodation", "another student sees nothing of hers, and nothing was granted to her")
	require.EqualValues(t, 600, theirs["settings"].(map[string]any)["time_limit_seconds"])
}

// TestAccommodation_AnExtraAttemptAllowsOneMoreStart: a one-attempt test
// refuses a second start; one extra attempt allows exactly one more.
func TestAccommodation_AnExtraAttemptAllowsOneMoreStart(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	testID := writeTest(t, f.g, f.teacher, f.c, quiz(600))["id"].(string)
	first := startAttempt(t, f.g, f.student, testID)
	f.g.call(t, f.student.token, http.MethodPost, "/api/v1/attempts/"+first+"/submit", nil, http.StatusOK)
	start := func() fixesProblem {
		return fixesSend(t, f.g, f.student.token, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	}
	start().require(t, http.StatusConflict, "no-attempts-left", "")

	f.g.call(t, f.teacher.token, http.MethodPut, grantPath(testID, f.student.id),
		map[string]any{"extra_attempts": 1, "reason": "illness during the first attempt"}, http.StatusOK)
	second := start()
	require.Equal(t, http.StatusCreated, second.status, second.raw)
	hers := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK)
	require.EqualValues(t, 2, hers["settings"].(map[string]any)["max_attempts"])
	var secondID string
	list := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil, http.StatusOK)
	for _, a := range list["attempts"].([]any) {
		if a.(map[string]any)["state"] == "in_progress" {
			secondID = a.(map[string]any)["id"].(string)
		}
	}
	require.NotEmpty(t, secondID)
	f.g.call(t, f.student.token, http.MethodPost, "/api/v1/attempts/"+secondID+"/submit", nil, http.StatusOK)
	start().require(t, http.StatusConflict, "no-attempts-left", "")
}
