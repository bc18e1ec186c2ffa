package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/service"
	api "lms/assessment/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/shared/usecase"
)

// server is the assessment API over loopback, on the stack's FerretDB,
// verifying real Ed25519 tokens against a JWKS endpoint, with a clock the
// test moves. Course c1 is taught by the teacher; alice and bob are enrolled.
type server struct {
	url     string
	app     app.Application
	store   *mongo.Store
	clock   *apptest.Clock
	issuer  *authtest.Issuer
	teacher user
	other   user
	alice   user
	bob     user
	carol   user // not enrolled
}

func newServer(t testing.TB) *server {
	t.Helper()
	return newServerOn(t, testkit.Mongo(t))
}

// newServerOn is newServer over the given database.
func newServerOn(t testing.TB, db *mongodrv.Database) *server {
	t.Helper()
	return newObservedServer(t, db, nil)
}

// newObservedServer is newServerOn with its use cases observed by o.
func newObservedServer(t testing.TB, db *mongodrv.Database, o *usecase.Observer) *server {
	t.Helper()
	store := mongo.NewStore(db)
	require.NoError(t, store.Migrate(t.Context()))
	issuer := authtest.NewIssuer(t, "test-key")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	clock := apptest.NewClock(time.Now().UTC().Truncate(time.Millisecond))
	a := service.NewApplication(store, clock, service.IDs{}, o)
	srv := httptest.NewServer(api.NewHandler(a, verifier, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	s := &server{url: srv.URL, app: a, store: store, clock: clock, issuer: issuer}
	s.teacher = s.user(t, access.RoleTeacher)
	s.other = s.user(t, access.RoleTeacher)
	s.alice = s.user(t, access.RoleStudent)
	s.bob = s.user(t, access.RoleStudent)
	s.carol = s.user(t, access.RoleStudent)
	roster := store.Roster()
	require.NoError(t, roster.RecordCourse(t.Context(), uuid.NewString(), "c1", s.teacher.id, false, clock.Now()))
	for _, u := range []user{s.alice, s.bob} {
		require.NoError(t, roster.RecordEnrollment(t.Context(), uuid.NewString(), "c1", u.id, access.EnrollmentActive, clock.Now()))
	}
	return s
}

// user is a caller with a token.
type user struct {
	id    string
	token string
}

func (s *server) user(t testing.TB, roles ...string) user {
	id := uuid.NewString()
	return user{id: id, token: s.issuer.Sign(t, authtest.Claims{Subject: id, Roles: roles, ExpiresAt: time.Now().Add(time.Hour)})}
}

// response is a decoded answer of the API.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (r response) slug() string {
	typ, _ := r.body["type"].(string)
	const prefix = "urn:lms:problem:"
	if len(typ) > len(prefix) {
		return typ[len(prefix):]
	}
	return ""
}

// call sends method path with body (marshalled to JSON unless nil) as u.
func (s *server) call(t testing.TB, u user, method, path string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.url+path, rd)
	require.NoError(t, err)
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	out := response{status: res.StatusCode, header: res.Header, raw: raw}
	if len(raw) > 0 {
		require.NoError(t, json.Unmarshal(raw, &out.body), "%s", raw)
	}
	return out
}

// must calls and requires status.
func (s *server) must(t testing.TB, status int, u user, method, path string, body any) response {
	t.Helper()
	r := s.call(t, u, method, path, body)
	require.Equal(t, status, r.status, "%s %s: %s", method, path, r.raw)
	return r
}

// testBody is a test of course c1 with one question of every kind, worth 20
// points, results shown on submission.
func testBody() map[string]any {
	return map[string]any{
		"course_id": "c1", "title": "Midterm", "instructions": "No notes.", "time_limit_seconds": 3600,
		"max_attempts": 2, "scoring_policy": "highest", "passing_score": 10,
		"shuffle_questions": true, "shuffle_options": true, "results_visibility": "on_submission",
		"questions": []map[string]any{
			{"id": "single", "kind": "single_choice", "prompt": "2+2?", "points": 2, "feedback": "Count.", "options": []map[string]any{
				{"id": "a", "text": "3"}, {"id": "b", "text": "4", "correct": true},
			}},
			{"id": "multi", "kind": "multiple_choice", "prompt": "Primes?", "points": 3, "partial_credit": true, "options": []map[string]any{
				{"id": "a", "text": "2", "correct": true}, {"id": "b", "text": "3", "correct": true}, {"id": "c", "text": "4"},
			}},
			{"id": "tf", "kind": "true_false", "prompt": "Water is wet.", "points": 1, "correct": true},
			{"id": "short", "kind": "short_text", "prompt": "Capital of France?", "points": 2, "accepted_answers": []string{"Paris"}, "pattern": "paris,? france"},
			{"id": "num", "kind": "numeric", "prompt": "pi?", "points": 2, "value": 3.14159, "tolerance": 0.001},
			{"id": "discuss", "kind": "essay", "prompt": "Discuss.", "points": 10},
		},
	}
}

// allKindsBody is testBody with a matching, an ordering and a
// fill-in-the-blanks question added: nine questions worth 29 points.
func allKindsBody() map[string]any {
	body := testBody()
	body["questions"] = append(body["questions"].([]map[string]any),
		map[string]any{"id": "match", "kind": "matching", "prompt": "Capitals.", "points": 3, "pairs": []map[string]any{
			{"id": "fr", "prompt": "France", "answer": "Paris"}, {"id": "it", "prompt": "Italy", "answer": "Rome"},
			{"id": "es", "prompt": "Spain", "answer": "Madrid"},
		}, "distractors": []string{"Lyon"}},
		map[string]any{"id": "order", "kind": "ordering", "prompt": "Oldest first.", "points": 4,
			"correct_order": []string{"Rome", "Byzantium", "Venice", "Italy"}},
		map[string]any{"id": "blanks", "kind": "fill_in_the_blanks", "prompt": "Water boils at {{temp}} degrees at {{where}} level.", "points": 2,
			"gaps": []map[string]any{
				{"id": "temp", "accepted_answers": []string{"100"}},
				{"id": "where", "accepted_answers": []string{"sea"}, "case_sensitive": true, "trim": false},
			}},
	)
	return body
}

// publishedTest creates and publishes body as the teacher and returns its id.
func (s *server) publishedTest(t testing.TB, body map[string]any) string {
	t.Helper()
	r := s.must(t, http.StatusCreated, s.teacher, http.MethodPost, "/api/v1/tests", body)
	id := r.body["id"].(string)
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/tests/"+id+"/publish", nil)
	return id
}

// settle hands on what the test's writes left for the relay (the attempts'
// summaries among them), with Kafka and Temporal left out.
func (s *server) settle(t testing.TB) {
	t.Helper()
	_, err := s.store.NewRelay(discard{}, discard{}, mongo.RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
}

// discard takes events, workflow starts and signals and drops them.
type discard struct{}

func (discard) Publish(context.Context, []events.Event) error          { return nil }
func (discard) StartAttempt(context.Context, flows.AttemptInput) error { return nil }
func (discard) Signal(context.Context, string, string, any) error      { return nil }
func (discard) StartRegrade(context.Context, flows.RegradeInput) error { return nil }
