package postgres_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/course/internal/service"
	api "lms/course/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/testkit"
)

// BenchmarkGradebookRecompute measures a weighted gradebook of 500
// students and 30 items (10 tests with one released attempt each, 20
// manual items, all graded; three categories, two of them dropping their
// lowest) on the real database. Each invocation times, after the book is
// built: 200 manual grades of single students (each recomputes and
// records that student's final grade, event included, in its transaction),
// 10 changes of the categories' weights (each recomputes all 500 final
// grades, every one changing and announced), and 10 CSV exports of the
// whole book through the service's HTTP handler; it reports p50 and p99 of
// each.
func BenchmarkGradebookRecompute(b *testing.B) {
	const students, tests, manual, singles, wide, exports = 500, 10, 20, 200, 10, 10
	db := testkit.Postgres(b)
	ctx := b.Context()
	require.NoError(b, postgres.Migrate(ctx, db))
	books := postgres.NewGradebooks(db)
	issuer := authtest.NewIssuer(b, "bench-key")
	jwks := authtest.NewJWKSServer(b, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(b, err)
	handler := api.NewHandler(service.NewApplication(db), verifier, slog.New(slog.DiscardHandler))
	round := 0
	for b.Loop() {
		round++
		courseID, owner := newID(), "teacher-"+newID()
		c, err := course.New(courseID, owner, course.Details{Code: fmt.Sprintf("BOOK-%d-%s", round, courseID[len(courseID)-6:]), Title: "Big book"}, t0)
		require.NoError(b, err)
		require.NoError(b, c.Publish(t0))
		require.NoError(b, postgres.NewCourseRepository(db).Add(ctx, c))
		weights := [][]float64{{50, 30, 20}, {40, 40, 20}}
		categories := func(w []float64) gradebook.SetCategories {
			return gradebook.SetCategories{Categories: []gradebook.Category{{ID: "tests", Name: "Tests", Weight: w[0], DropLowest: 2},
				{ID: "assignments", Name: "Assignments", Weight: w[1], DropLowest: 1}, {ID: "participation", Name: "Participation", Weight: w[2]}}}
		}
		m := gradebook.Meta{By: owner, At: t0}
		_, err = books.Apply(ctx, courseID, categories(weights[0]), m, false)
		require.NoError(b, err)
		for i := range tests + manual {
			it := gradebook.Item{ID: fmt.Sprintf("t%02d", i), Kind: gradebook.KindTest, CategoryID: "tests"}
			if i >= tests {
				it = gradebook.Item{ID: fmt.Sprintf("m%02d", i), Kind: gradebook.KindManual, Title: "Item", MaxPoints: 20, CategoryID: "assignments"}
				if i >= tests+15 {
					it.CategoryID = "participation"
				}
			}
			_, err := books.Apply(ctx, courseID, &gradebook.PutItem{Item: it}, m, false)
			require.NoError(b, err)
		}
		seed := []string{
			`INSERT INTO enrollments (id, course_id, student_id, status, requested_at, activated_at, arrival)
			 SELECT ?0 || '-e' || g, ?0, ?0 || '-s' || lpad(g::text, 4, '0'), 'active', ?1, ?1, g FROM generate_series(1, ?2) g`,
			`INSERT INTO graded_attempts (attempt_id, course_id, student_id, test_id, score, maximum, passed, graded_at, released_at)
			 SELECT ?0 || '-a' || s || '-' || t, ?0, ?0 || '-s' || lpad(s::text, 4, '0'), 't' || lpad(t::text, 2, '0'),
			        (s * 7 + t * 13) % 11, 10, true, ?1, ?1
			 FROM generate_series(1, ?2) s, generate_series(0, ?3 - 1) t`,
			`INSERT INTO gradebook_marks (course_id, student_id, item_id, points, graded_by, graded_at)
			 SELECT ?0, ?0 || '-s' || lpad(s::text, 4, '0'), 'm' || lpad(i::text, 2, '0'), (s * 3 + i * 5) % 21, 'ta', ?1
			 FROM generate_series(1, ?2) s, generate_series(?3, ?3 + ?4 - 1) i`,
		}
		for _, q := range seed {
			_, err := db.NewRaw(q, courseID, t0, students, tests, manual).Exec(ctx)
			require.NoError(b, err)
		}
		_, err = books.Apply(ctx, courseID, gradebook.SetLetters{Scheme: gradebook.Scheme{band("P", 50, 100), band("F", 0, 50)}}, m, false)
		require.NoError(b, err)

		single := make([]time.Duration, singles)
		for i := range single {
			p := float64(i % 21)
			start := time.Now()
			_, err := books.Apply(ctx, courseID, gradebook.Grade{StudentID: fmt.Sprintf("%s-s%04d", courseID, 1+i*7%students),
				ItemID: fmt.Sprintf("m%02d", tests+i%manual), Points: &p}, m, false)
			single[i] = time.Since(start)
			require.NoError(b, err)
		}
		whole := make([]time.Duration, wide)
		for i := range whole {
			start := time.Now()
			out, err := books.Apply(ctx, courseID, categories(weights[(i+1)%2]), m, false)
			whole[i] = time.Since(start)
			require.NoError(b, err)
			require.Greater(b, len(out.Finals), students*9/10, "a change of weights moves (nearly) every final grade")
		}
		export := make([]time.Duration, exports)
		var size int
		for i := range export {
			req := httptest.NewRequestWithContext(ctx, http.MethodGet, api.Prefix+"/"+courseID+"/gradebook/book.csv", http.NoBody)
			req.Header.Set("Authorization", "Bearer "+issuer.Token(b, owner, "teacher"))
			rec := httptest.NewRecorder()
			start := time.Now()
			handler.ServeHTTP(rec, req)
			export[i] = time.Since(start)
			require.Equal(b, http.StatusOK, rec.Code, rec.Body.String())
			require.Equal(b, students+1, strings.Count(rec.Body.String(), "\n"), "a header and a line per student")
			size = rec.Body.Len()
		}
		for name, d := range map[string][]time.Duration{"student": single, "course": whole, "csv": export} {
			slices.Sort(d)
			b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, name+"_p50_ms")
			b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, name+"_p99_ms")
		}
		b.ReportMetric(float64(size), "csv_bytes")
	}
}
