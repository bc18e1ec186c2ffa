package http_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestListAttempts_ATeacherPagesThroughEveryAttemptOnce starts an attempt
// for each of two students and pages through the teacher's list one line at
// a time, with and without a state filter; a student pages her own.
func TestListAttempts_ATeacherPagesThroughEveryAttemptOnce(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	base := "/api/v1/tests/" + testID + "/attempts"
	for _, u := range []user{s.alice, s.bob} {
		s.must(t, http.StatusCreated, u, http.MethodPost, base, nil)
	}
	s.settle(t)

	students := func(q url.Values) []string {
		t.Helper()
		var seen []string
		for range 5 {
			page := s.must(t, http.StatusOK, s.teacher, http.MethodGet, base+"?"+q.Encode(), nil)
			for _, l := range page.body["attempts"].([]any) {
				seen = append(seen, l.(map[string]any)["student_id"].(string))
			}
			next, _ := page.body["next_page_token"].(string)
			if next == "" {
				return seen
			}
			q.Set("page_token", next)
		}
		t.Fatal("the pages never end")
		return nil
	}
	want := []string{s.alice.id, s.bob.id}
	if want[0] > want[1] {
		want[0], want[1] = want[1], want[0]
	}
	require.Equal(t, want, students(url.Values{"page_size": {"1"}}), "one per page, in student order, each once")
	require.Equal(t, want, students(url.Values{"page_size": {"1"}, "state": {"in_progress"}}))
	require.Empty(t, students(url.Values{"state": {"graded"}}))

	mine := s.must(t, http.StatusOK, s.alice, http.MethodGet, base+"?page_size=1", nil)
	require.Len(t, mine.body["attempts"], 1)
	require.Nil(t, mine.body["next_page_token"], "her one attempt is the whole list")
	require.Nil(t, mine.body["attempts"].([]any)[0].(map[string]any)["student_id"], "a student's list names no student")

	for _, bad := range []struct{ query, slug string }{
		{"page_size=0", "invalid-page-size"},
		{"page_size=501", "invalid-page-size"},
		{"page_size=ten", "invalid-page-size"},
		{"page_token=eyJzIjoiIn0", "invalid-page-token"},
		{"page_token=%21%21", "invalid-page-token"},
		{"state=lost", "invalid-argument"},
	} {
		r := s.must(t, http.StatusBadRequest, s.teacher, http.MethodGet, base+"?"+bad.query, nil)
		require.Equal(t, bad.slug, r.slug(), bad.query)
	}
}
