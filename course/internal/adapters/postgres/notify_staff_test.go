package postgres_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
)

// staffedCourse stores a published course with a co-teacher, a teaching
// assistant and an observer, and returns the course and its owner, co-teacher,
// assistant and observer.
func staffedCourse(t *testing.T, db *bun.DB) (courseID string, staff []string) {
	t.Helper()
	courseID = publishedCourse(t, postgres.NewCourseRepository(db), 0)
	staff = []string{"teacher-" + courseID}
	for _, role := range []string{"co_teacher", "teaching_assistant", "observer"} {
		id := role + "-" + newID()
		_, err := db.NewRaw("INSERT INTO course_staff (course_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
			courseID, id, role, staff[0], t0).Exec(t.Context())
		require.NoError(t, err)
		staff = append(staff, id)
	}
	return courseID, staff
}

func audienceHandler(db *bun.DB, now command.Clock) app.Notifications {
	store := postgres.NewNotifications(db)
	return app.NewNotifications(app.NotificationDeps{Deliverer: store, Audiences: store, Waits: store, Clock: now,
		IDs: apptest.IDFunc(newID), MailDomain: "lms.test"}, nil)
}

// TestNotifyStaff_ApprovalGoesToTheDecidersAndEscalationToTheAdministrators:
// a request waiting for approval notifies the owner and the co-teacher (not
// the assistant nor the observer) once, though delivered twice, naming the
// student; its escalation notifies the administrators iam reported, by the
// latest report of each.
func TestNotifyStaff_ApprovalGoesToTheDecidersAndEscalationToTheAdministrators(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	now := apptest.ClockFunc(func() time.Time { return time.Now().UTC() })
	h := audienceHandler(db, now)
	courseID, staff := staffedCourse(t, db)
	student := "student-" + newID()
	require.NoError(t, postgres.NewPeople(db).Remember(ctx, command.Person{EventID: newID(), UserID: student, DisplayName: "Grace Hopper", Email: "grace@example.test", At: t0}))

	requested := notification.Event{ID: newID(), Kind: notification.KindApprovalRequested, CourseID: courseID, About: student, At: now()}
	for range 2 {
		_, err := h.NotifyAudience.Handle(ctx, command.NotifyAudienceInput{Event: requested, Audience: notification.AudienceDeciders})
		require.NoError(t, err)
	}
	require.Equal(t, map[string]int{staff[0]: 1, staff[1]: 1}, countNotifications(t, db, "approval_requested"))
	var body string
	require.NoError(t, db.NewRaw("SELECT body FROM notifications WHERE kind = 'approval_requested' LIMIT 1").Scan(ctx, &body))
	require.Contains(t, body, "Grace Hopper")

	admins := command.NewTrackAdministrator(postgres.NewNotifications(db))
	ann, bob, cy := "admin-"+newID(), "admin-"+newID(), "user-"+newID()
	require.NoError(t, admins.Handle(ctx, command.TrackAdministratorInput{UserID: ann, Roles: []string{"admin"}, AdminRole: "admin", At: t0}))
	require.NoError(t, admins.Handle(ctx, command.TrackAdministratorInput{UserID: bob, Roles: []string{"teacher", "admin"}, AdminRole: "admin", At: t0}))
	require.NoError(t, admins.Handle(ctx, command.TrackAdministratorInput{UserID: bob, Roles: []string{"teacher"}, AdminRole: "admin", At: t0.Add(time.Hour)}))
	require.NoError(t, admins.Handle(ctx, command.TrackAdministratorInput{UserID: bob, Roles: []string{"admin"}, AdminRole: "admin", At: t0}), "an older report, late")
	require.NoError(t, admins.Handle(ctx, command.TrackAdministratorInput{UserID: cy, Roles: []string{"student"}, AdminRole: "admin", At: t0}))

	escalated := notification.Event{ID: newID(), Kind: notification.KindApprovalEscalated, CourseID: courseID, About: student, At: now()}
	n, err := h.NotifyAudience.Handle(ctx, command.NotifyAudienceInput{Event: escalated, Audience: notification.AudienceAdministrators})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, map[string]int{ann: 1}, countNotifications(t, db, "approval_escalated"))
}

// TestGradingOverdue_NotifiesTheGradersOncePerAttempt: of three submitted
// attempts, one was graded, one is recent; the third waits longer than the
// overdue delay and notifies the owner, the co-teacher and the assistant
// (not the observer) once, however often the sweep runs.
func TestGradingOverdue_NotifiesTheGradersOncePerAttempt(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	now := time.Now().UTC()
	clock := apptest.ClockFunc(func() time.Time { return now })
	courseID, staff := staffedCourse(t, db)
	waits := audienceHandler(db, clock)
	g := command.NewNotifyOverdueGrading(postgres.NewNotifications(db), waits.NotifyAudience, clock, 3*time.Hour)

	wait := func(submitted time.Time) command.GradingWait {
		return command.GradingWait{AttemptID: newID(), TestID: "t-1", CourseID: courseID, StudentID: "s-" + newID(), SubmittedAt: submitted}
	}
	overdue, graded, recent := wait(now.Add(-5*time.Hour)), wait(now.Add(-6*time.Hour)), wait(now.Add(-time.Hour))
	for _, a := range []command.GradingWait{overdue, graded, recent} {
		require.NoError(t, waits.RecordGradingWait.Handle(ctx, command.RecordGradingWaitInput{Wait: a}))
	}
	require.NoError(t, waits.RecordGradingWait.Handle(ctx, command.RecordGradingWaitInput{Wait: overdue}), "the submission delivered twice")
	require.NoError(t, waits.EndGradingWait.Handle(ctx, command.EndGradingWaitInput{Wait: graded, At: now.Add(-2 * time.Hour)}))

	n, err := g.Handle(ctx, command.NotifyOverdueGradingInput{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	for range 2 {
		n, err = g.Handle(ctx, command.NotifyOverdueGradingInput{})
		require.NoError(t, err)
		require.Zero(t, n)
	}
	require.Equal(t, map[string]int{staff[0]: 1, staff[1]: 1, staff[2]: 1}, countNotifications(t, db, "grading_overdue"))
}
