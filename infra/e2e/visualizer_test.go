package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
	"lms/shared/testkit"
)

// The visualizer's page as a person sees it, in Debian's chromium.
const (
	// visualizerDeadline bounds each wait for the page: the machine may be
	// busy with other suites, so it is generous; the waits end as soon as
	// the condition holds.
	visualizerDeadline = 90 * time.Second
	// pageCounts reads what the page shows: the count in each state box and
	// each running total.
	pageCounts = `(() => {
		const out = {};
		document.querySelectorAll("#flow .state").forEach((e) => { out[e.dataset.state] = +e.dataset.count; });
		document.querySelectorAll("#totals [data-total]").forEach((e) => { out[e.dataset.total] = +e.dataset.value; });
		return out;
	})()`
)

// TestVisualizer_ShowsTheSystemWorkingInABrowser opens the local stack's
// visualizer in a real browser, drives traffic through the gateway (students
// register, a teacher publishes a course and a test, the students enroll,
// start the test and submit it) and a simulator's progress report, and sees
// the page follow: its event stream connects, the students' counts and
// totals move, the simulation is shown, and workflows link to Temporal's
// web UI. A screenshot of the page is kept (docs/visualizer.md says where).
func TestVisualizer_ShowsTheSystemWorkingInABrowser(t *testing.T) {
	t.Parallel()
	vis := visualizerURL(t)
	g := newGateway(t)
	ctx := openBrowser(t)

	step(t, ctx, chromedp.Navigate(vis), "the page did not load")
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#conn[data-state="open"]`)), "the page's event stream never connected")
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#totals [data-total="attempts_started"]`)), "the page never drew a snapshot")
	before := readCounts(t, ctx)

	const students = 3
	admin := g.admin(t)
	teacher := g.teacher(t, admin, "vis-teacher")
	c := buildCourse(t, g, teacher, 10, "Welcome")
	quizBody := quiz(3600)
	quizBody["course_id"] = c.id
	// The waits below are longer than the other journeys': this test runs
	// beside the whole suite, and the services learn of courses and seats
	// through Kafka and Temporal.
	created := within(t, visualizerDeadline*2, "the assessment service never learnt of the course", func() map[string]any {
		return g.try(t, teacher.token, http.MethodPost, "/api/v1/tests", quizBody, http.StatusCreated)
	})
	testID := created["id"].(string)
	g.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil, http.StatusOK)
	var attempts []struct {
		student account
		id      string
	}
	for i := range students {
		s := g.register(t, fmt.Sprintf("vis-student-%d", i))
		g.call(t, s.token, http.MethodPost, c.path+"/enrollment", nil, http.StatusAccepted)
		within(t, visualizerDeadline*2, "the enrollment never became active", func() map[string]any {
			if e := g.try(t, s.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK); e != nil && e["status"] == "active" {
				return e
			}
			return nil
		})
		started := within(t, visualizerDeadline*2, "the attempt never started", func() map[string]any {
			return g.try(t, s.token, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil, http.StatusCreated)
		})
		attempts = append(attempts, struct {
			student account
			id      string
		}{s, started["id"].(string)})
	}

	t.Run("the students' flow and totals move with the traffic", func(t *testing.T) {
		seen := awaitCounts(t, ctx, func(c map[string]float64) bool {
			return c["attempts_started"] >= before["attempts_started"]+students && c["in_exam"] >= students &&
				c["enrollments"] >= before["enrollments"]+students
		})
		require.NotEqual(t, before, seen)
	})

	for _, a := range attempts {
		g.call(t, a.student.token, http.MethodPost, "/api/v1/attempts/"+a.id+"/submit", nil, http.StatusOK)
	}
	t.Run("submissions and grades reach the page", func(t *testing.T) {
		awaitCounts(t, ctx, func(c map[string]float64) bool {
			return c["attempts_submitted"] >= before["attempts_submitted"]+students &&
				c["attempts_graded"] >= before["attempts_graded"]+students
		})
	})

	t.Run("the workflows panel counts the attempts completed within its window", func(t *testing.T) {
		var header string
		var completed float64
		require.Eventually(t, func() bool {
			var err error
			header, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#completed-window").textContent`))
			if err != nil {
				return false
			}
			completed, err = chromedp.Run(ctx, chromedp.Evaluate[float64](attemptsCompleted))
			return err == nil && header == "completed, last 1 h" && completed >= students
		}, visualizerDeadline, 250*time.Millisecond, "the panel never counted the graded attempts' workflows as completed within the hour (header %q, completed %v)", header, completed)
	})

	t.Run("a simulator's progress is shown", func(t *testing.T) {
		run := testkit.UniqueName("exam-rush-42")
		progress := map[string]any{
			"run_id": run, "scenario": "exam-rush", "seed": 42, "started_at": time.Now().UTC().Format(time.RFC3339),
			"elapsed_seconds": 12.5, "done": false, "students": 2000,
			"states": map[string]int{"registered": 10, "enrolled": 5, "waitlisted": 1, "in_exam": 1234,
				"submitted": 50, "graded": 10, "completed": 0},
			"requests_per_second": 123.4, "requests_total": 1000, "errors_total": 2, "violations": 0,
		}
		res := testkit.DoJSON(t, http.MethodPost, vis+"/api/sim/progress", "", progress)
		require.Equal(t, http.StatusNoContent, res.Status, string(res.Body))
		shown := waitText(t, ctx, fmt.Sprintf(`[data-run=%q] [data-sim-state="in_exam"] b`, run))
		require.Equal(t, "1,234", shown)

		res = testkit.DoJSON(t, http.MethodPost, vis+"/api/sim/progress", "", map[string]any{"scenario": "x"})
		require.Equal(t, http.StatusBadRequest, res.Status, "a report without its run is refused")
	})

	t.Run("a workflow opens in Temporal's web UI", func(t *testing.T) {
		href := waitAttr(t, ctx, `#workflows a`, "href")
		ports, err := localstack.Load()
		require.NoError(t, err)
		ui := regexp.QuoteMeta(ports.URL("TEMPORAL_UI_PORT"))
		require.Regexp(t, `^`+ui+`/namespaces/lms/workflows/[^/]+/[0-9a-f-]+$`, href)
	})

	t.Run("services show their request rates", func(t *testing.T) {
		var names []string
		require.Eventually(t, func() bool {
			var err error
			names, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll("#services tbody tr td:first-child")].map((e) => e.textContent)`))
			require.NoError(t, err)
			return len(names) >= 5
		}, visualizerDeadline, 250*time.Millisecond, "the page never listed the services (last %v)", names)
		require.Subset(t, names, []string{"assessment", "course", "gateway", "iam", "worker"})
	})

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	keepScreenshot(t, shot)
}

// TestVisualizer_AdminOnlyInABrowser runs a visualizer built from the
// working tree as production runs it (VISUALIZER_REQUIRE_ADMIN=true, iam's
// keys from the gateway's JWKS) and signs in on its page: no data without a
// token, a forged token and a student's refused with what went wrong, an
// administrator's access token from the gateway's login let in and the
// page live.
func TestVisualizer_AdminOnlyInABrowser(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	stack := testkit.Addresses()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	//nolint:gosec // fixed arguments; dir is the test's own
	build := exec.CommandContext(t.Context(), "go", "build", "-o", dir+string(filepath.Separator), "./infra/visualizer/cmd/visualizer")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	vis := newProcess(t, dir, "visualizer",
		"KAFKA_BROKERS="+stack.KafkaBrokers, "TEMPORAL_ADDRESS="+stack.TemporalAddress, "TEMPORAL_NAMESPACE=lms",
		"VISUALIZER_GROUP="+testkit.UniqueName("visualizer"), "VISUALIZER_TARGETS=gateway="+g.url+"/metrics",
		"VISUALIZER_REQUIRE_ADMIN=true", "JWKS_URL="+g.url+"/.well-known/jwks.json")
	vis.start(t)
	base := "http://" + vis.addr

	res := testkit.DoJSON(t, http.MethodGet, base+"/api/snapshot", "", nil)
	require.Equal(t, http.StatusUnauthorized, res.Status, "no data without a token")
	res = testkit.DoJSON(t, http.MethodPost, base+"/api/sim/progress", "", map[string]any{"run_id": "r"})
	require.Equal(t, http.StatusUnauthorized, res.Status, "no progress report without a token")

	ctx := openBrowser(t)
	step(t, ctx, chromedp.Navigate(base), "the page did not load")
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#signin-form`)), "the page never asked to sign in")
	signIn := func(token string) {
		step(t, ctx, chromedp.SetValue(chromedp.CSS(`#token`), token), "the token field")
		step(t, ctx, chromedp.Click(chromedp.CSS(`#signin-form button`)), "the sign-in button")
	}

	signIn("not-a-token")
	require.Equal(t, "the access token is invalid", waitText(t, ctx, `#signin-error`))
	student := g.register(t, "vis-student")
	signIn(student.token)
	require.Eventually(t, func() bool {
		msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#signin-error").textContent`))
		require.NoError(t, err)
		return msg != "the access token is invalid" && msg != ""
	}, visualizerDeadline, 100*time.Millisecond, "a student's token was not refused with its own reason")

	signIn(g.admin(t).token)
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#conn[data-state="open"]`)), "the administrator's page never connected")
	step(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#totals [data-total="attempts_started"]`)), "the administrator's page never drew a snapshot")
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#signin").hidden`))
	require.NoError(t, err)
	require.True(t, hidden, "the sign-in form is gone once signed in")
}

// visualizerURL is the local stack's visualizer, or the test fails saying
// how to start it.
func visualizerURL(t testing.TB) string {
	t.Helper()
	ports, err := localstack.Load()
	require.NoError(t, err)
	u := env("LMS_VISUALIZER_URL", ports.URL("VISUALIZER_PORT"))
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u+"/readyz", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the visualizer at %s does not answer (%v): start the local stack with `./task up`", u, err)
	}
	_ = res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the visualizer at %s is not ready (%d): see `./task logs -- visualizer`", u, res.StatusCode)
	}
	return u
}

// openBrowser starts a headless chromium (as root it needs no-sandbox) and
// returns a tab's context, closed with the test.
func openBrowser(t testing.TB) context.Context {
	t.Helper()
	path := env("LMS_CHROMIUM", "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(1400, 1000))
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	// The first action starts the browser, which lives as long as the
	// context it ran with: the tab's own, not one with a deadline.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatalf("chromium (%s) did not start (%v): `./task up` installs Debian's chromium", path, err)
	}
	return ctx
}

// within calls try until it answers something, for up to d.
func within(t testing.TB, d time.Duration, failure string, try func() map[string]any) map[string]any {
	t.Helper()
	var got map[string]any
	require.Eventually(t, func() bool { got = try(); return got != nil }, d, 200*time.Millisecond, failure)
	return got
}

// step runs one browser action within the deadline.
func step(t testing.TB, ctx context.Context, a chromedp.Action[chromedp.Void], failure string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, visualizerDeadline)
	defer cancel()
	_, err := chromedp.Run(wctx, a)
	require.NoError(t, err, failure)
}

func readCounts(t testing.TB, ctx context.Context) map[string]float64 {
	t.Helper()
	c, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](pageCounts))
	require.NoError(t, err)
	return c
}

// awaitCounts polls what the page shows until ok holds, and returns it.
func awaitCounts(t testing.TB, ctx context.Context, ok func(map[string]float64) bool) map[string]float64 {
	t.Helper()
	var last map[string]float64
	require.Eventually(t, func() bool {
		last = readCounts(t, ctx)
		return ok(last)
	}, visualizerDeadline, 250*time.Millisecond, "the page never showed it (last %v)", last)
	return last
}

// waitText waits until the element sel is visible with some text and
// returns that text: an element can be on the page before the answer that
// fills it has arrived.
func waitText(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	var text string
	require.Eventually(t, func() bool {
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		var err error
		text, err = chromedp.Run(wctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		return err == nil && strings.TrimSpace(text) != ""
	}, visualizerDeadline, 100*time.Millisecond, "the page never showed text in %s", sel)
	return text
}

func waitAttr(t testing.TB, ctx context.Context, sel, name string) string {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, visualizerDeadline)
	defer cancel()
	res, err := chromedp.Run(wctx, chromedp.AttributeValue(chromedp.CSS(sel), name, chromedp.NodeVisible))
	require.NoError(t, err, "the page never showed %s", sel)
	return res.Value
}

// keepScreenshot writes the page's picture to the test's artifact directory
// (kept with `go test -artifacts`) and to .stack/artifacts/visualizer.png at
// the repository's root (git-ignored), where the last run's stays.
func keepScreenshot(t *testing.T, png []byte) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(t.ArtifactDir(), "visualizer.png"), png, 0o600))
	dir := filepath.Join("..", "..", ".stack", "artifacts")
	require.NoError(t, os.MkdirAll(dir, 0o750))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "visualizer.png"), png, 0o600))
	t.Logf("screenshot: %s", filepath.Join(dir, "visualizer.png"))
}

// attemptsCompleted reads the workflows panel's "completed" cell of the
// attempt workflows' row (-1 while there is none).
const attemptsCompleted = `(() => {
	for (const tr of document.querySelectorAll("#workflow-types tbody tr")) {
		const td = tr.querySelectorAll("td");
		if (td[0].textContent === "lms.attempt.v1") return Number(td[2].textContent.replace(/,/g, ""));
	}
	return -1;
})()`
