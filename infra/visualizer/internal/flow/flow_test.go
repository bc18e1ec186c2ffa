package flow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/flow"
	"lms/shared/events"
)

var at = time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)

func ev(t *testing.T, data any) events.Event {
	t.Helper()
	e, err := events.NewOf("key", "subject", data, at)
	require.NoError(t, err)
	return e
}

// counts is every state at zero but those given.
func counts(given ...map[flow.State]int) map[flow.State]int {
	out := map[flow.State]int{}
	for _, s := range flow.States() {
		out[s] = 0
	}
	for _, g := range given {
		for s, n := range g {
			out[s] = n
		}
	}
	return out
}

func TestBoard_Apply(t *testing.T) {
	t.Parallel()
	deadline := at.Add(time.Hour)
	student := func(id string) events.UserRegistered {
		return events.UserRegistered{UserID: id, Roles: []string{"student"}, RegisteredAt: at}
	}
	tests := []struct {
		name   string
		events []any
		want   map[flow.State]int
	}{
		{"a registered student stands at the start", []any{student("s1")}, counts(map[flow.State]int{flow.Registered: 1})},
		{"a teacher or an admin is not in the flow", []any{
			events.UserRegistered{UserID: "t1", Roles: []string{"teacher"}},
			events.UserRegistered{UserID: "a1", Roles: []string{"admin"}},
		}, counts()},
		{"a user made a student joins the flow", []any{
			events.UserRegistered{UserID: "u1", Roles: []string{"teacher"}},
			events.UserRolesChanged{UserID: "u1", Roles: []string{"teacher", "student"}},
		}, counts(map[flow.State]int{flow.Registered: 1})},
		{"a student made a teacher before enrolling leaves the flow", []any{
			student("u1"), events.UserRolesChanged{UserID: "u1", Roles: []string{"teacher"}},
		}, counts()},
		{"a request alone leaves the student registered", []any{
			student("s1"), events.EnrollmentRequested{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Registered: 1})},
		{"a full course waitlists", []any{
			student("s1"), events.EnrollmentRequested{EnrollmentID: "e1", StudentID: "s1"},
			events.EnrollmentWaitlisted{EnrollmentID: "e1", StudentID: "s1", Position: 1},
		}, counts(map[flow.State]int{flow.Waitlisted: 1})},
		{"a promotion from the waitlist enrolls", []any{
			student("s1"), events.EnrollmentWaitlisted{EnrollmentID: "e1", StudentID: "s1"},
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Enrolled: 1})},
		{"a late request does not undo an activation", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.EnrollmentRequested{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Enrolled: 1})},
		{"a started attempt puts the student in the exam", []any{
			student("s1"), events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.AttemptStarted{AttemptID: "a1", StudentID: "s1", DeadlineAt: &deadline},
		}, counts(map[flow.State]int{flow.InExam: 1})},
		{"a submitted attempt waits for its grade", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.AttemptStarted{AttemptID: "a1", StudentID: "s1"},
			events.AttemptSubmitted{AttemptID: "a1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Submitted: 1})},
		{"a graded attempt", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.AttemptStarted{AttemptID: "a1", StudentID: "s1"},
			events.AttemptSubmitted{AttemptID: "a1", StudentID: "s1"},
			events.AttemptGraded{AttemptID: "a1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Graded: 1})},
		{"a second exam under way counts before an earlier grade", []any{
			events.AttemptGraded{AttemptID: "a1", StudentID: "s1"},
			events.AttemptStarted{AttemptID: "a2", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.InExam: 1})},
		{"completing the only course completes the student", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.AttemptGraded{AttemptID: "a1", StudentID: "s1"},
			events.EnrollmentCompleted{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Completed: 1})},
		{"a course still followed keeps a completer in it", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.EnrollmentActivated{EnrollmentID: "e2", StudentID: "s1"},
			events.EnrollmentCompleted{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Enrolled: 1})},
		{"a dropped student is back to registered", []any{
			events.EnrollmentActivated{EnrollmentID: "e1", StudentID: "s1"},
			events.EnrollmentDropped{EnrollmentID: "e1", StudentID: "s1"},
		}, counts(map[flow.State]int{flow.Registered: 1})},
		{"many students spread over the states, each counted once", []any{
			student("s1"), student("s2"), student("s3"),
			events.EnrollmentActivated{EnrollmentID: "e2", StudentID: "s2"},
			events.EnrollmentActivated{EnrollmentID: "e3", StudentID: "s3"},
			events.AttemptStarted{AttemptID: "a3", StudentID: "s3"},
			events.AttemptStarted{AttemptID: "a3", StudentID: "s3"}, // redelivered
		}, counts(map[flow.State]int{flow.Registered: 1, flow.Enrolled: 1, flow.InExam: 1})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := flow.NewBoard()
			for _, d := range tc.events {
				require.True(t, b.Apply(ev(t, d)))
			}
			require.Equal(t, tc.want, b.Counts())
			sum := 0
			for _, n := range tc.want {
				sum += n
			}
			require.Equal(t, sum, b.Totals().Students)
		})
	}
}

func TestBoard_Totals(t *testing.T) {
	t.Parallel()
	b := flow.NewBoard()
	for _, d := range []any{
		events.UserRegistered{UserID: "t1", Roles: []string{"teacher"}},
		events.AttemptStarted{AttemptID: "a1", StudentID: "s1"},
		events.AttemptSubmitted{AttemptID: "a1", StudentID: "s1", Automatic: true},
		events.AttemptGraded{AttemptID: "a1", StudentID: "s1"},
		events.AttemptGraded{AttemptID: "a1", StudentID: "s1", Reason: "regrade"},
		events.CertificateIssued{CertificateID: "c1", StudentID: "s1"},
	} {
		b.Apply(ev(t, d))
	}
	got := b.Totals()
	require.Equal(t, 1, got.Staff)
	require.Equal(t, 1, got.AttemptsStarted)
	require.Equal(t, 1, got.AutoSubmitted, "a submission by the deadline is told apart")
	require.Equal(t, 1, got.AttemptsGraded, "a regrade is not a second grading")
	require.Equal(t, 1, got.Certificates)
}

func TestBoard_Apply_IgnoresWhatItCannotRead(t *testing.T) {
	t.Parallel()
	b := flow.NewBoard()
	require.False(t, b.Apply(events.Event{Type: "lms.unknown.v1", Data: []byte(`{}`)}))
	require.False(t, b.Apply(events.Event{Type: events.TypeAttemptStarted, Data: []byte(`{"attempt_id": 5}`)}))
	require.Equal(t, counts(), b.Counts())
}
