package flow_test

import (
	"fmt"
	"testing"
	"time"

	"lms/infra/visualizer/internal/flow"
	"lms/shared/events"
)

// BenchmarkBoard_Apply measures the replay at start: a term of 10,000
// students, each registered, enrolled, in one timed exam, submitted and
// graded, then completed (six events a student). Reported as events/s.
func BenchmarkBoard_Apply(b *testing.B) {
	const students = 10_000
	at := time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)
	var evs []events.Event
	for i := range students {
		s, e, a := fmt.Sprintf("s%d", i), fmt.Sprintf("e%d", i), fmt.Sprintf("a%d", i)
		for _, d := range []any{
			events.UserRegistered{UserID: s, Roles: []string{"student"}, RegisteredAt: at},
			events.EnrollmentActivated{EnrollmentID: e, StudentID: s, ActivatedAt: at},
			events.AttemptStarted{AttemptID: a, StudentID: s, StartedAt: at},
			events.AttemptSubmitted{AttemptID: a, StudentID: s, SubmittedAt: at},
			events.AttemptGraded{AttemptID: a, StudentID: s, Score: 1, Maximum: 2, GradedAt: at},
			events.EnrollmentCompleted{EnrollmentID: e, StudentID: s, CompletedAt: at},
		} {
			ev, err := events.NewOf(s, s, d, at)
			if err != nil {
				b.Fatal(err)
			}
			evs = append(evs, ev)
		}
	}
	for b.Loop() {
		board := flow.NewBoard()
		for _, ev := range evs {
			board.Apply(ev)
		}
		if board.Counts()[flow.Completed] != students {
			b.Fatalf("completed %d, want %d", board.Counts()[flow.Completed], students)
		}
	}
	b.ReportMetric(float64(len(evs)*b.N)/b.Elapsed().Seconds(), "events/s")
}
