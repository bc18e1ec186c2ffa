package engine

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/sim/scenario"
	"lms/shared/testkit"
)

func gateway(t *testing.T) string {
	t.Helper()
	url := testkit.Addresses().GatewayURL
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url+"/.well-known/jwks.json", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the gateway at %s does not answer (%v): start the local stack with `./task up`", url, err)
	}
	_ = res.Body.Close()
	return url
}

// syncBuffer keeps the run's output for the failure message.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// simulate runs a shipped scenario small and fast against the local stack
// and requires a clean report in which the scenario did happen.
func simulate(t *testing.T, name string, seed uint64, students int, speed float64) Result {
	t.Helper()
	sc, err := scenario.Load(name)
	require.NoError(t, err)
	var out syncBuffer
	res, err := Run(t.Context(), Config{
		Scenario: sc, Seed: seed, Students: students, Speed: speed, Gateway: gateway(t),
		AdminEmail: "admin@lms.local", AdminPassword: "local-admin-password", Settle: 3 * time.Minute, Out: &out,
	})
	require.NoError(t, err, out.String())
	require.Empty(t, res.Failures, "everyone could go on:\n%s", tail(out.String()))
	require.Empty(t, res.Violations, "every invariant holds:\n%s", tail(out.String()))
	require.Positive(t, res.Ledger["starts"], "students started attempts")
	require.Positive(t, res.Ledger["saves"], "answers were saved")
	require.Positive(t, res.Ledger["submits"], "attempts were submitted")
	require.Positive(t, res.Ledger["grades"], "essays were graded")
	require.Positive(t, res.Ledger["releases"], "results were released")
	require.Positive(t, res.Ledger["completions expected"], "students completed the course")
	return res
}

func tail(s string) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-40):], "\n")
}

// TestSimulation_ASmallTermRunsClean: twenty students through a term at six
// times the speed: waitlists and drops, lessons, a quiz and a final with an
// essay, grading, release, completion with certificates, the next course.
func TestSimulation_ASmallTermRunsClean(t *testing.T) {
	t.Parallel()
	res := simulate(t, "term", 5, 20, 6) // seed 5 draws drops among the seated
	require.Positive(t, res.Ledger["lessons"])
	require.Positive(t, res.Ledger["drops"], "a seat holder dropped")
}

// TestSimulation_ASmallExamRushRunsClean: thirty students start one exam
// together at four times the speed.
func TestSimulation_ASmallExamRushRunsClean(t *testing.T) {
	t.Parallel()
	simulate(t, "exam-rush", 7, 30, 4)
}

func TestParseChaos_ReadsPartsMomentsAndDowntime(t *testing.T) {
	t.Parallel()
	fs, err := ParseChaos("assessment@tests:5s,kafka@40s+10s, worker@20s")
	require.NoError(t, err)
	require.Equal(t, []Fault{
		{Part: "worker", At: 20 * time.Second, Down: 3 * time.Second},
		{Part: "kafka", At: 40 * time.Second, Down: 10 * time.Second},
		{Part: "assessment", At: 5 * time.Second, Down: 3 * time.Second, AfterTests: true},
	}, fs)
	for _, bad := range []string{"redis@10s", "worker", "worker@soon", "worker@10s+long"} {
		_, err := ParseChaos(bad)
		require.Error(t, err, bad)
	}
}
