package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// flatPhase is how many students start (and then autosave) at each store
// size.
const flatPhase = 40

// BenchmarkStoreFlatness measures, in one run and on one assessment service
// of its own (own database, no waiting room), a student's start and her
// autosave through real HTTP with 1,000 and then 100,000 attempts of earlier
// tests in the store, and reports the p50s and their ratio (flat is 1).
func BenchmarkStoreFlatness(b *testing.B) {
	g := newGateway(b)
	teacher := g.teacher(b, g.admin(b), "flat-teacher")
	own := newIsolated(b, "ASSESSMENT_START_RATE=0", "ASSESSMENT_START_IN_FLIGHT=0")
	own.assessment.start(b)
	own.worker.start(b)
	c := buildCourse(b, g, teacher, 4*flatPhase, "Notes")
	testID := writeTest(b, own.api, teacher, c, quiz(3600))["id"].(string)
	students := registerStudents(b, g, 2*flatPhase)
	for _, s := range students {
		c.enroll(b, g, s, flows.EnrollmentActive)
	}
	for _, s := range students {
		require.Eventually(b, func() bool {
			return own.api.try(b, s.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK) != nil
		}, 60*time.Second, 100*time.Millisecond, "the service never heard of an enrollment")
	}

	for range b.N {
		var p50 [2][2]time.Duration
		for phase, size := range []int{1_000, 100_000} {
			seedAttemptsInto(b, own.database, size)
			starts, saves := measureStartAndSave(b, own.api, testID, students[phase*flatPhase:(phase+1)*flatPhase])
			p50[phase] = [2]time.Duration{starts, saves}
		}
		for k, what := range []string{"start", "autosave"} {
			ratio := float64(p50[1][k]) / float64(p50[0][k])
			fmt.Printf("flatness: %s p50 %s at 1,000 and %s at 100,000 stored attempts: ratio %.2f\n", what, p50[0][k], p50[1][k], ratio)
			b.ReportMetric(ms(p50[0][k]), what+"-p50-ms@1k")
			b.ReportMetric(ms(p50[1][k]), what+"-p50-ms@100k")
			b.ReportMetric(ratio, what+"-ratio")
		}
	}
	b.ReportMetric(0, "ns/op")
}

// measureStartAndSave has each student start the test, one after another,
// then saves five answers per attempt round-robin, and answers the p50 of
// the starts and of the saves.
func measureStartAndSave(b *testing.B, a api, testID string, students []account) (time.Duration, time.Duration) {
	b.Helper()
	var starts, saves []time.Duration
	attempts := make([]string, len(students))
	for i, s := range students {
		began := time.Now()
		started := a.call(b, s.token, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil, http.StatusCreated)
		starts = append(starts, time.Since(began))
		attempts[i] = started["id"].(string)
	}
	for round := range 5 {
		for i, s := range students {
			began := time.Now()
			a.call(b, s.token, http.MethodPut, "/api/v1/attempts/"+attempts[i]+"/answers/pick",
				map[string]any{"options": []string{[]string{"a", "b"}[round%2]}}, http.StatusOK)
			saves = append(saves, time.Since(began))
		}
	}
	slices.Sort(starts)
	slices.Sort(saves)
	return starts[len(starts)/2], saves[len(saves)/2]
}
