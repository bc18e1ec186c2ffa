package events_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var (
	at       = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)
	deadline = at.Add(45 * time.Minute)
	released = deadline.Add(24 * time.Hour)
)

// finalGrade and previousFinalGrade are the grades of the final grade's sample.
var finalGrade, previousFinalGrade = 82.5, 78.5

const (
	userID       = "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d90"
	adminID      = "01957a4e-8f3a-7c21-9d2e-000000000001"
	courseID     = "01957a4f-1234-7abc-8def-0123456789ab"
	lessonID     = "01957a4f-5678-7abc-8def-0123456789ab"
	enrollmentID = "01957a50-0000-7abc-8def-0123456789ab"
	testID       = "01957a51-0000-7abc-8def-0123456789ab"
	attemptID    = "01957a52-0000-7abc-8def-0123456789ab"
)

// pendingApproval is a request pending since at with the default deadlines.
var pendingApproval = events.PendingApproval{EnrollmentID: enrollmentID, CourseID: courseID, StudentID: userID,
	PendingSince: at, RemindAt: at.Add(48 * time.Hour), EscalateAt: at.Add(120 * time.Hour), ExpireAt: at.Add(336 * time.Hour)}

// samples holds one filled-in value per CloudEvents type; its JSON is the
// golden file testdata/<type>.json.
var samples = map[string]any{
	events.TypeUserRegistered: events.UserRegistered{UserID: userID, Email: "ada@example.edu", DisplayName: "Ada Lovelace",
		Roles: []string{"student"}, RegisteredAt: at},
	events.TypeUserRolesChanged: events.UserRolesChanged{UserID: userID, Roles: []string{"student", "teacher"},
		Previous: []string{"student"}, ChangedBy: adminID, ChangedAt: at},
	events.TypeUserDisabled:        events.UserDisabled{UserID: userID, DisabledBy: adminID, Reason: "left the university", DisabledAt: at},
	events.TypeUserEnabled:         events.UserEnabled{UserID: userID, EnabledBy: adminID, EnabledAt: at},
	events.TypeUserPasswordChanged: events.UserPasswordChanged{UserID: userID, ChangedAt: at},

	events.TypeCoursePublished: events.CoursePublished{CourseID: courseID, Title: "Distributed Systems", TeacherID: adminID,
		Capacity: 120, PublishedAt: at},
	events.TypeCourseArchived: events.CourseArchived{CourseID: courseID, ArchivedBy: adminID, ArchivedAt: at},
	events.TypeCourseStaffChanged: events.CourseStaffChanged{CourseID: courseID, OwnerID: adminID, UserID: userID,
		Role: events.StaffAssistant, PreviousRole: events.StaffObserver, Staff: []events.StaffMember{
			{UserID: adminID, Role: events.StaffOwner}, {UserID: userID, Role: events.StaffAssistant}},
		Version: 3, ChangedBy: adminID, ChangedAt: at},
	events.TypeLessonPublished: events.LessonPublished{CourseID: courseID, LessonID: lessonID, Title: "Logical clocks",
		Position: 3, PublishedAt: at},
	events.TypeEnrollmentRequested: events.EnrollmentRequested{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, RequestedAt: at},
	events.TypeEnrollmentWaitlisted: events.EnrollmentWaitlisted{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, Position: 4, WaitlistedAt: at},
	events.TypeEnrollmentActivated: events.EnrollmentActivated{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, ActivatedAt: at},
	events.TypeEnrollmentDropped: events.EnrollmentDropped{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, Reason: "schedule conflict", DroppedAt: at},
	events.TypeEnrollmentRejected: events.EnrollmentRejected{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, Reason: "prerequisite-missing", RejectedAt: at},
	events.TypeEnrollmentFinalGradeChanged: events.EnrollmentFinalGradeChanged{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, Previous: 72.5, FinalGrade: 81.25, ChangedAt: released},
	events.TypeFinalGradeChanged: events.FinalGradeChanged{CourseID: courseID, StudentID: userID, EnrollmentID: enrollmentID,
		FinalGrade: &finalGrade, Previous: &previousFinalGrade, Letter: "B", PreviousLetter: "C", Version: 2, Cause: "excused",
		ChangedBy: adminID, ChangedAt: released},
	events.TypeEnrollmentApprovalRequested: events.EnrollmentApprovalRequested{PendingApproval: pendingApproval},
	events.TypeEnrollmentApprovalReminder:  events.EnrollmentApprovalReminder{PendingApproval: pendingApproval, RemindedAt: at.Add(48 * time.Hour)},
	events.TypeEnrollmentApprovalEscalated: events.EnrollmentApprovalEscalated{PendingApproval: pendingApproval, EscalatedAt: at.Add(120 * time.Hour)},
	events.TypeEnrollmentApprovalExpired:   events.EnrollmentApprovalExpired{PendingApproval: pendingApproval, ExpiredAt: at.Add(336 * time.Hour)},
	events.TypeEnrollmentApprovalDecided: events.EnrollmentApprovalDecided{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, Decision: events.ApprovalRefused, DecidedBy: adminID, Reason: "the course is for second-year students", DecidedAt: at.Add(time.Hour)},
	events.TypeEnrollmentCompleted: events.EnrollmentCompleted{EnrollmentID: enrollmentID, CourseID: courseID,
		StudentID: userID, CompletedAt: at},
	events.TypeLessonCompleted: events.LessonCompleted{EnrollmentID: enrollmentID, CourseID: courseID, LessonID: lessonID,
		StudentID: userID, CompletedAt: at},
	events.TypeCertificateIssued: events.CertificateIssued{CertificateID: "01957a53-0000-7abc-8def-0123456789ab",
		EnrollmentID: enrollmentID, CourseID: courseID, StudentID: userID, IssuedAt: at},

	events.TypeTestPublished: events.TestPublished{TestID: testID, CourseID: courseID, Title: "Midterm",
		TimeLimitSeconds: 2700, MaxScore: 100, PassingScore: 60, PublishedAt: at, OpensAt: &at, ClosesAt: &released},
	events.TypeTestUnpublished: events.TestUnpublished{TestID: testID, CourseID: courseID, UnpublishedAt: at},
	events.TypeTestDeleted:     events.TestDeleted{TestID: testID, CourseID: courseID, DeletedAt: at},
	events.TypeAttemptStarted: events.AttemptStarted{AttemptID: attemptID, TestID: testID, CourseID: courseID,
		StudentID: userID, StartedAt: at, DeadlineAt: &deadline},
	events.TypeAttemptSubmitted: events.AttemptSubmitted{AttemptID: attemptID, TestID: testID, CourseID: courseID,
		StudentID: userID, Automatic: true, SubmittedAt: deadline},
	events.TypeAttemptGraded: events.AttemptGraded{AttemptID: attemptID, TestID: testID, CourseID: courseID,
		StudentID: userID, Score: 72.5, Maximum: 100, Passed: true, GradedBy: adminID, GradedAt: deadline.Add(time.Hour),
		Reason: "question 3's key was wrong", ResultsReleasedAt: &released},
	events.TypeAccommodationChanged: events.AccommodationChanged{TestID: testID, CourseID: courseID, StudentID: userID,
		TimeFactor: 1.5, ExtraTimeMinutes: 10, ClosesAt: &released, ExtraAttempts: 1, ChangedBy: adminID,
		Reason: "documented accommodation: time and a half", ChangedAt: at},
	events.TypeAttemptResultsReleased: events.AttemptResultsReleased{AttemptID: attemptID, TestID: testID, CourseID: courseID,
		StudentID: userID, Score: 72.5, Maximum: 100, Passed: true, ReleasedAt: released},
}

func TestData_MatchesGoldenFiles(t *testing.T) {
	t.Parallel()
	for _, typ := range events.Types() {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			sample, ok := samples[typ]
			require.True(t, ok, "add a sample of %s to this test", typ)
			got, err := json.MarshalIndent(sample, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("testdata", typ+".json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644)) //nolint:gosec // golden files are committed and read by everyone
			}
			want, err := os.ReadFile(path) //nolint:gosec // the path is built from a registered type
			require.NoError(t, err, "run go test ./events -update to write the golden file")
			require.Equal(t, string(want), string(got), "the wire format of %s changed; if that is intended, run go test ./events -update and review the diff", typ)

			// The golden file decodes back into the same value: no field is lost.
			ev := events.Event{Type: typ, Data: want}
			decoded, err := events.Decode(ev)
			require.NoError(t, err)
			require.Equal(t, sample, reflect.ValueOf(decoded).Elem().Interface())
		})
	}
	require.Len(t, samples, len(events.Types()), "every sample must belong to a registered type")
}

// TestTestPublished_ReadsEventsWithoutAWindow: an event published before the
// window was added (no opens_at, closes_at) still reads, as a test without
// bounds; a test without bounds announces none.
func TestTestPublished_ReadsEventsWithoutAWindow(t *testing.T) {
	t.Parallel()
	old := `{"test_id":"t-1","course_id":"c-1","title":"Quiz","time_limit_seconds":0,"max_score":10,"passing_score":5,"published_at":"2025-03-14T09:26:53Z"}`
	var d events.TestPublished
	require.NoError(t, json.Unmarshal([]byte(old), &d))
	require.Equal(t, "t-1", d.TestID)
	require.Nil(t, d.OpensAt)
	require.Nil(t, d.ClosesAt)

	b, err := json.Marshal(events.TestPublished{TestID: "t-1", CourseID: "c-1", PublishedAt: at})
	require.NoError(t, err)
	require.NotContains(t, string(b), "closes_at")
	require.NotContains(t, string(b), "opens_at")
}
