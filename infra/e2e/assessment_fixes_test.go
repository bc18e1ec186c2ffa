package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

// fixesProblem is a problem answer of the API, with the headers it came with.
type fixesProblem struct {
	status int
	header http.Header
	slug   string
	fields map[string]any
	raw    string
}

// fixesSend sends body (JSON unless it is already bytes) as token and
// decodes a problem answer.
func fixesSend(t *testing.T, g api, token, method, path string, body any) fixesProblem {
	t.Helper()
	var r testkit.Response
	if raw, ok := body.([]byte); ok {
		r = testkit.DoRaw(t, method, g.url+path, token, raw)
	} else {
		r = testkit.DoJSON(t, method, g.url+path, token, body)
	}
	p := fixesProblem{status: r.Status, header: r.Header, raw: string(r.Body)}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		var d struct {
			Type   string         `json:"type"`
			Fields map[string]any `json:"fields"`
		}
		require.NoError(t, json.Unmarshal(r.Body, &d))
		p.slug, p.fields = strings.TrimPrefix(d.Type, "urn:lms:problem:"), d.Fields
	}
	return p
}

// requireProblem requires a problem of status and slug naming field (none
// when empty).
func (p fixesProblem) require(t *testing.T, status int, slug, field string) {
	t.Helper()
	require.Equal(t, status, p.status, p.raw)
	require.Equal(t, slug, p.slug, p.raw)
	if field != "" {
		require.Equal(t, field, p.fields["field"], p.raw)
	}
}

// fixesCourse is a published course of a new teacher, the test service
// already knows of, with one enrolled student.
type fixesCourse struct {
	g                api
	teacher, student account
	c                course
}

func newFixesCourse(t *testing.T) fixesCourse {
	t.Helper()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "fixes-teacher")
	student := g.register(t, "fixes-student")
	c := buildCourse(t, g, teacher, 5, "Lesson")
	c.enroll(t, g, student, "active")
	return fixesCourse{g: g, teacher: teacher, student: student, c: c}
}

// draft writes an unpublished quiz of the course, waiting until the
// assessment service knows the course.
func (f fixesCourse) draft(t *testing.T, body map[string]any) string {
	t.Helper()
	body["course_id"] = f.c.id
	var created map[string]any
	require.Eventually(t, func() bool {
		created = f.g.try(t, f.teacher.token, http.MethodPost, "/api/v1/tests", body, http.StatusCreated)
		return created != nil
	}, 60*time.Second, time.Second, "the assessment service never learnt of course %s", f.c.id)
	return created["id"].(string)
}

// TestAssessmentFixes_CourseNotKnownYetSignalsARetry: right after a course
// is published, creating a test for it answers 201, or 409
// course-not-known-yet with Retry-After: 1 while the course's event is on its
// way, never 404; a client that retries after Retry-After succeeds. A course
// id that is not a UUID cannot be a course: 404.
func TestAssessmentFixes_CourseNotKnownYetSignalsARetry(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "retry-teacher")
	unknown := quiz(0)
	unknown["course_id"] = "0196e3a1-7b2c-7d4e-8f00-123456789abc"
	p := fixesSend(t, g, teacher.token, http.MethodPost, "/api/v1/tests", unknown)
	p.require(t, http.StatusConflict, "course-not-known-yet", "")
	require.Equal(t, "1", p.header.Get("Retry-After"))
	unknown["course_id"] = "not-a-course"
	fixesSend(t, g, teacher.token, http.MethodPost, "/api/v1/tests", unknown).require(t, http.StatusNotFound, "course-not-found", "")

	c := buildCourse(t, g, teacher, 3)
	body := quiz(0)
	body["course_id"] = c.id
	var answers []int
	created := false
	require.Eventually(t, func() bool {
		p := fixesSend(t, g, teacher.token, http.MethodPost, "/api/v1/tests", body)
		answers = append(answers, p.status)
		if p.status == http.StatusCreated {
			created = true
			return true
		}
		p.require(t, http.StatusConflict, "course-not-known-yet", "")
		require.Equal(t, "1", p.header.Get("Retry-After"))
		return false
	}, 30*time.Second, time.Second, "retrying after Retry-After never succeeded: %v", answers)
	require.True(t, created)
	t.Logf("answers right after publishing, one a second: %v", answers)
}

// TestAssessmentFixes_CloseDatesInThePast: a test whose close is already past
// is refused naming closes_at, and nothing is stored; an edit that moves the
// close or the end of the late period into the past likewise; an edit that
// leaves a passed close alone still works.
func TestAssessmentFixes_CloseDatesInThePast(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	past := quiz(0)
	past["course_id"] = f.c.id
	past["closes_at"] = time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	f.draft(t, quiz(0)) // the course is known from here on
	p := fixesSend(t, f.g, f.teacher.token, http.MethodPost, "/api/v1/tests", past)
	p.require(t, http.StatusBadRequest, "invalid-test-settings", "closes_at")

	closes := time.Now().Add(3 * time.Second).UTC().Truncate(time.Millisecond)
	body := quiz(0)
	body["title"] = "Closing soon"
	body["closes_at"] = closes.Format(time.RFC3339Nano)
	body["late_policy"] = map[string]any{"accept": true, "penalty_percent": 10, "until": closes.Add(time.Hour).Format(time.RFC3339Nano)}
	id := f.draft(t, body)
	list := f.g.call(t, f.teacher.token, http.MethodGet, "/api/v1/tests?course_id="+f.c.id, nil, http.StatusOK)
	require.Len(t, list["tests"], 2, "the refused test was not stored")

	require.Eventually(t, func() bool { return time.Now().After(closes.Add(time.Second)) }, 30*time.Second, 100*time.Millisecond)
	moved := quiz(0)
	moved["closes_at"] = closes.Add(-time.Minute).Format(time.RFC3339Nano)
	fixesSend(t, f.g, f.teacher.token, http.MethodPut, "/api/v1/tests/"+id, moved).require(t, http.StatusBadRequest, "invalid-test-settings", "closes_at")
	until := quiz(0)
	until["closes_at"] = closes.Format(time.RFC3339Nano)
	until["late_policy"] = map[string]any{"accept": true, "until": closes.Add(500 * time.Millisecond).Format(time.RFC3339Nano)}
	fixesSend(t, f.g, f.teacher.token, http.MethodPut, "/api/v1/tests/"+id, until).require(t, http.StatusBadRequest, "invalid-test-settings", "late_policy.until")
	got := f.g.call(t, f.teacher.token, http.MethodGet, "/api/v1/tests/"+id, nil, http.StatusOK)
	require.Equal(t, "Closing soon", fixesTitle(got), "the refused edits changed nothing")

	body["title"] = "Closed, typo fixed"
	edited := f.g.call(t, f.teacher.token, http.MethodPut, "/api/v1/tests/"+id, body, http.StatusOK)
	require.Equal(t, "Closed, typo fixed", fixesTitle(edited), "an edit that leaves the passed close alone works")
}

// TestAssessmentFixes_ForbiddenOrNotFound: a student who tries a teacher's
// operation gets 403 forbidden, even on her own attempt, which she can
// read; the teacher starting her own test too; a caller who cannot see the
// test or attempt gets 404.
func TestAssessmentFixes_ForbiddenOrNotFound(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	body := essayTest(0)
	body["course_id"] = f.c.id
	testID := writeTest(t, f.g, f.teacher, f.c, body)["id"].(string)
	attemptID := startAttempt(t, f.g, f.student, testID)
	stranger := f.g.register(t, "stranger")
	otherTeacher := f.g.teacher(t, f.g.admin(t), "other-teacher")
	tp, ap := "/api/v1/tests/"+testID, "/api/v1/attempts/"+attemptID

	f.g.call(t, f.student.token, http.MethodGet, ap, nil, http.StatusOK)
	for _, r := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/api/v1/tests", body},
		{http.MethodPut, ap + "/grades", map[string]any{"grades": []map[string]any{{"question_id": "essay", "score": 3}}}},
		{http.MethodPost, tp + "/release-results", nil},
		{http.MethodGet, tp + "/statistics", nil},
		{http.MethodPut, tp, body},
		{http.MethodPost, tp + "/unpublish", nil},
		{http.MethodDelete, tp, nil},
	} {
		fixesSend(t, f.g, f.student.token, r.method, r.path, r.body).require(t, http.StatusForbidden, "forbidden", "")
	}
	// The course's question bank: its student is refused whatever she
	// asks; a stranger and a teacher of another course do not find it.
	bank := "/api/v1/banks/" + f.c.id
	entry := map[string]any{"category": "c", "question": pickQuestion}
	for _, r := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, bank + "/questions", nil},
		{http.MethodGet, bank + "/questions/pick", nil},
		{http.MethodPut, bank + "/questions/pick", entry},
		{http.MethodDelete, bank + "/questions/pick", nil},
		{http.MethodGet, bank + "/export", nil},
		{http.MethodPost, bank + "/import", map[string]any{"format": "lms.question-bank.v1", "questions": []any{entry}}},
	} {
		fixesSend(t, f.g, f.student.token, r.method, r.path, r.body).require(t, http.StatusForbidden, "forbidden", "")
		fixesSend(t, f.g, otherTeacher.token, r.method, r.path, r.body).require(t, http.StatusNotFound, "course-not-found", "")
		if r.method == http.MethodGet {
			fixesSend(t, f.g, stranger.token, r.method, r.path, r.body).require(t, http.StatusNotFound, "course-not-found", "")
		} else {
			fixesSend(t, f.g, stranger.token, r.method, r.path, r.body).require(t, http.StatusForbidden, "forbidden", "")
		}
	}
	list := f.g.call(t, f.teacher.token, http.MethodGet, bank+"/questions", nil, http.StatusOK)
	require.Empty(t, list["questions"], "no refused write reached the bank")
	fixesSend(t, f.g, f.teacher.token, http.MethodPost, tp+"/attempts", nil).require(t, http.StatusForbidden, "forbidden", "")
	fixesSend(t, f.g, stranger.token, http.MethodGet, tp, nil).require(t, http.StatusNotFound, "test-not-found", "")
	fixesSend(t, f.g, stranger.token, http.MethodGet, ap, nil).require(t, http.StatusNotFound, "attempt-not-found", "")
	fixesSend(t, f.g, otherTeacher.token, http.MethodGet, tp+"/statistics", nil).require(t, http.StatusNotFound, "test-not-found", "")
	fixesSend(t, f.g, otherTeacher.token, http.MethodPut, ap+"/grades", map[string]any{"grades": []any{}}).require(t, http.StatusNotFound, "attempt-not-found", "")
	mine := f.g.call(t, f.student.token, http.MethodGet, ap, nil, http.StatusOK)
	require.Equal(t, "in_progress", mine["state"], "nothing the refused calls sent changed the attempt")
}

// TestAssessmentFixes_UnpublishAndDelete: a published test nobody started
// goes back to the drafts (students no longer see it) and can be deleted
// (204, then 404); once a student has started one, unpublish answers 409
// test-has-attempts. Both changes reach Kafka for the course service.
func TestAssessmentFixes_UnpublishAndDelete(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	log := readEvents(t)
	body := quiz(0)
	testID := f.draft(t, body)
	log.mu.Lock()
	log.keys[testID] = true
	log.mu.Unlock()
	tp := "/api/v1/tests/" + testID
	f.g.call(t, f.teacher.token, http.MethodPost, tp+"/publish", nil, http.StatusOK)
	require.Eventually(t, func() bool { return f.g.try(t, f.student.token, http.MethodGet, tp, nil, http.StatusOK) != nil },
		30*time.Second, 100*time.Millisecond, "the student never saw the published test")

	unpublished := f.g.call(t, f.teacher.token, http.MethodPost, tp+"/unpublish", nil, http.StatusOK)
	require.Equal(t, false, unpublished["published"])
	fixesSend(t, f.g, f.student.token, http.MethodGet, tp, nil).require(t, http.StatusNotFound, "test-not-found", "")
	fixesSend(t, f.g, f.student.token, http.MethodPost, tp+"/attempts", nil).require(t, http.StatusNotFound, "test-not-found", "")
	mine := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/tests?course_id="+f.c.id, nil, http.StatusOK)
	require.Empty(t, mine["tests"])
	fixesSend(t, f.g, f.teacher.token, http.MethodPost, tp+"/unpublish", nil).require(t, http.StatusConflict, "test-not-published", "")

	f.g.call(t, f.teacher.token, http.MethodDelete, tp, nil, http.StatusNoContent)
	fixesSend(t, f.g, f.teacher.token, http.MethodGet, tp, nil).require(t, http.StatusNotFound, "test-not-found", "")
	fixesSend(t, f.g, f.teacher.token, http.MethodDelete, tp, nil).require(t, http.StatusNotFound, "test-not-found", "")
	log.requireEvents(t, testID, map[string]int{events.TypeTestPublished: 1, events.TypeTestUnpublished: 1, events.TypeTestDeleted: 1})

	taken := f.draft(t, quiz(0))
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+taken+"/publish", nil, http.StatusOK)
	startAttempt(t, f.g, f.student, taken)
	fixesSend(t, f.g, f.teacher.token, http.MethodPost, "/api/v1/tests/"+taken+"/unpublish", nil).require(t, http.StatusConflict, "test-has-attempts", "")
	fixesSend(t, f.g, f.teacher.token, http.MethodDelete, "/api/v1/tests/"+taken, nil).require(t, http.StatusConflict, "test-published", "")
	f.g.call(t, f.student.token, http.MethodGet, "/api/v1/tests/"+taken, nil, http.StatusOK)
}

// TestAssessmentFixes_RefusesNULAndInvalidUTF8: a NUL character or invalid
// UTF-8 in a test's or a question's text, or in an essay answer, is a 400
// invalid-text naming the field, and nothing is stored.
func TestAssessmentFixes_RefusesNULAndInvalidUTF8(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	testID := f.draft(t, essayTest(0))
	tp := "/api/v1/tests/" + testID

	for _, c := range []struct {
		field  string
		change func(map[string]any)
	}{
		{"title", func(b map[string]any) { b["title"] = "Mid\x00term" }},
		{"instructions", func(b map[string]any) { b["instructions"] = "No\x00notes" }},
		{"questions[2].prompt", func(b map[string]any) {
			b["questions"] = []map[string]any{pickQuestion, essayTest(0)["questions"].([]map[string]any)[1],
				{"id": "essay", "kind": "essay", "prompt": "Explain\x00why.", "points": 3}}
		}},
		{"questions[0].options[1].text", func(b map[string]any) {
			b["questions"] = []map[string]any{{"id": "pick", "kind": "single_choice", "prompt": "?", "points": 2,
				"options": []map[string]any{{"id": "a", "text": "A", "correct": true}, {"id": "b", "text": "B\x00"}}}}
		}},
	} {
		create := essayTest(0)
		c.change(create)
		create["course_id"] = f.c.id
		fixesSend(t, f.g, f.teacher.token, http.MethodPost, "/api/v1/tests", create).require(t, http.StatusBadRequest, "invalid-text", c.field)
		edit := essayTest(0)
		c.change(edit)
		fixesSend(t, f.g, f.teacher.token, http.MethodPut, tp, edit).require(t, http.StatusBadRequest, "invalid-text", c.field)
	}
	raw := []byte(`{"course_id":"` + f.c.id + `","title":"Mid` + "\xff" + `term","questions":[]}`)
	fixesSend(t, f.g, f.teacher.token, http.MethodPost, "/api/v1/tests", raw).require(t, http.StatusBadRequest, "invalid-text", "title")

	list := f.g.call(t, f.teacher.token, http.MethodGet, "/api/v1/tests?course_id="+f.c.id, nil, http.StatusOK)
	require.Len(t, list["tests"], 1, "no refused test was stored")
	got := f.g.call(t, f.teacher.token, http.MethodGet, tp, nil, http.StatusOK)
	require.Equal(t, "Seats and waitlists", fixesTitle(got), "no refused edit was stored")

	f.g.call(t, f.teacher.token, http.MethodPost, tp+"/publish", nil, http.StatusOK)
	attemptID := startAttempt(t, f.g, f.student, testID)
	ap := "/api/v1/attempts/" + attemptID
	fixesSend(t, f.g, f.student.token, http.MethodPut, ap+"/answers/essay", map[string]any{"text": "Because\x00"}).require(t, http.StatusBadRequest, "invalid-text", "text")
	fixesSend(t, f.g, f.student.token, http.MethodPut, ap+"/answers/essay", []byte("{\"text\":\"Be\xc3cause\"}")).require(t, http.StatusBadRequest, "invalid-text", "text")
	mine := f.g.call(t, f.student.token, http.MethodGet, ap, nil, http.StatusOK)
	require.NotContains(t, string(fixesJSON(t, mine)), "Because", "no refused answer was stored")
}

func fixesJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// fixesTitle is the title of a test as the API shows it.
func fixesTitle(test map[string]any) any {
	settings, _ := test["settings"].(map[string]any)
	return settings["title"]
}
