package http_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNewKinds_TeacherWritesAndReadsTheKey writes a test with a matching, an
// ordering and a fill-in-the-blanks question and reads the key back.
func TestNewKinds_TeacherWritesAndReadsTheKey(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, allKindsBody())
	got := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests/"+testID, nil)
	require.InDelta(t, 29.0, got.body["max_score"], 1e-9)
	qs := map[string]map[string]any{}
	for _, q := range got.body["questions"].([]any) {
		qs[q.(map[string]any)["id"].(string)] = q.(map[string]any)
	}
	require.Equal(t, []any{"Rome", "Byzantium", "Venice", "Italy"}, qs["order"]["correct_order"])
	require.Equal(t, []any{"Lyon"}, qs["match"]["distractors"])
	require.Equal(t, map[string]any{"id": "fr", "prompt": "France", "answer": "Paris"}, qs["match"]["pairs"].([]any)[0])
	require.Equal(t, []any{
		map[string]any{"id": "temp", "accepted_answers": []any{"100"}, "case_sensitive": false, "trim": true},
		map[string]any{"id": "where", "accepted_answers": []any{"sea"}, "case_sensitive": true, "trim": false},
	}, qs["blanks"]["gaps"], "trim is on unless turned off")
}

// TestNewKinds_InvalidQuestionsAreRefused checks each rule answers a
// problem naming the question and stores nothing.
func TestNewKinds_InvalidQuestionsAreRefused(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	cases := map[string]map[string]any{
		"a matching question with a duplicated prompt": {"id": "m", "kind": "matching", "prompt": "Match.", "points": 2, "pairs": []map[string]any{
			{"id": "a", "prompt": "France", "answer": "Paris"}, {"id": "b", "prompt": "France", "answer": "Lyon"},
		}},
		"an ordering question with one item": {"id": "o", "kind": "ordering", "prompt": "Order.", "points": 2, "correct_order": []string{"only"}},
		"a gap with no accepted answer": {"id": "g", "kind": "fill_in_the_blanks", "prompt": "A {{x}}.", "points": 2,
			"gaps": []map[string]any{{"id": "x", "accepted_answers": []string{}}}},
		"a gap the prompt does not mark": {"id": "g", "kind": "fill_in_the_blanks", "prompt": "No marker.", "points": 2,
			"gaps": []map[string]any{{"id": "x", "accepted_answers": []string{"a"}}}},
		"a true/false question with items": {"id": "tf", "kind": "true_false", "prompt": "So?", "points": 1, "correct": true,
			"correct_order": []string{"a", "b"}},
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body := testBody()
			body["passing_score"] = 0
			body["questions"] = []map[string]any{q}
			r := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPost, "/api/v1/tests", body)
			require.Equal(t, "invalid-question", r.slug())
			require.Equal(t, q["id"], r.body["fields"].(map[string]any)["question_id"])
		})
	}
	list := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests?course_id=c1", nil)
	require.Empty(t, list.body["tests"], "nothing was stored")
}

// TestNewKinds_AutosaveTakesTheNewShapesAndRefusesMalformedOnes saves
// answers of each new kind, then malformed ones, which change nothing.
func TestNewKinds_AutosaveTakesTheNewShapesAndRefusesMalformedOnes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, allKindsBody())
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	base := "/api/v1/attempts/" + started.body["id"].(string)

	good := map[string]map[string]any{
		"match":  {"matches": map[string]any{"fr": "Paris", "es": "Lyon"}},
		"order":  {"order": []any{"Italy", "Venice", "Byzantium", "Rome"}},
		"blanks": {"gaps": map[string]any{"temp": "100"}},
	}
	for q, a := range good {
		saved := s.must(t, http.StatusOK, s.alice, http.MethodPut, base+"/answers/"+q, a)
		for k, v := range a {
			require.Equal(t, v, saved.body["answer"].(map[string]any)[k])
		}
	}
	before := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil).body["answers"]

	bad := []struct {
		question string
		body     map[string]any
		slug     string
	}{
		{"match", map[string]any{"matches": map[string]any{"de": "Berlin"}}, "invalid-answer"},
		{"match", map[string]any{"matches": map[string]any{"fr": "Berlin"}}, "invalid-answer"},
		{"match", map[string]any{"options": []string{"fr"}}, "invalid-answer"},
		{"order", map[string]any{"order": []string{"Rome", "Venice", "Italy"}}, "invalid-answer"},
		{"order", map[string]any{"order": []string{"Rome", "Rome", "Venice", "Italy"}}, "invalid-answer"},
		{"order", map[string]any{"text": "Rome"}, "invalid-answer"},
		{"blanks", map[string]any{"gaps": map[string]any{"sea": "x"}}, "invalid-answer"},
		{"blanks", map[string]any{"matches": map[string]any{"temp": "100"}}, "invalid-answer"},
		{"short", map[string]any{"gaps": map[string]any{"temp": "100"}}, "invalid-answer"},
	}
	for _, b := range bad {
		r := s.must(t, http.StatusBadRequest, s.alice, http.MethodPut, base+"/answers/"+b.question, b.body)
		require.Equal(t, b.slug, r.slug(), "%s: %v", b.question, b.body)
		require.Equal(t, b.question, r.body["fields"].(map[string]any)["question_id"])
	}
	for _, malformed := range []map[string]any{
		{"gaps": []string{"100"}}, {"order": "Rome"}, {"matches": map[string]any{"fr": 1}},
	} {
		r := s.must(t, http.StatusBadRequest, s.alice, http.MethodPut, base+"/answers/blanks", malformed)
		require.NotEmpty(t, r.slug(), "a problem with a stable type: %s", r.raw)
	}
	after := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)
	require.Equal(t, before, after.body["answers"], "refused saves changed nothing")

	// A reload shows the same shuffled choices and items.
	shown := questionsByID(started)
	again := questionsByID(after)
	for _, q := range []string{"match", "order"} {
		require.Equal(t, shown[q], again[q])
	}
}

// TestWindow_StartsOutsideTheWindowAreRefusedAndTheCloseCutsNothingShort
// starts before the opening and after the close, and has an attempt started
// just before the close keep its whole time limit.
func TestWindow_StartsOutsideTheWindowAreRefusedAndTheCloseCutsNothingShort(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	body := testBody()
	opens, closes := s.clock.Now().Add(time.Hour), s.clock.Now().Add(3*time.Hour)
	body["opens_at"], body["closes_at"] = opens, closes
	testID := s.publishedTest(t, body)
	start := "/api/v1/tests/" + testID + "/attempts"

	early := s.must(t, http.StatusConflict, s.alice, http.MethodPost, start, nil)
	require.Equal(t, "test-not-open", early.slug())
	require.Equal(t, opens.UTC().Format(time.RFC3339), early.body["fields"].(map[string]any)["opens_at"])

	s.clock.Advance(3*time.Hour - 10*time.Minute)
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, start, nil)
	deadline, err := time.Parse(time.RFC3339, started.body["deadline"].(string))
	require.NoError(t, err)
	require.Equal(t, s.clock.Now().Add(time.Hour), deadline, "the whole hour, not the ten minutes left before the close")

	s.clock.Advance(30 * time.Minute) // twenty minutes after the close
	late := s.must(t, http.StatusConflict, s.bob, http.MethodPost, start, nil)
	require.Equal(t, "test-closed", late.slug())
	require.Equal(t, closes.UTC().Format(time.RFC3339), late.body["fields"].(map[string]any)["closes_at"])

	base := "/api/v1/attempts/" + started.body["id"].(string)
	s.must(t, http.StatusOK, s.alice, http.MethodPut, base+"/answers/short", map[string]any{"text": "Paris"})
	mine := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)
	require.Equal(t, "in_progress", mine.body["state"])
	require.InDelta(t, 30*60, mine.body["time_left_seconds"], 1)
}
