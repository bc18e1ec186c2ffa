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
)

// seatedStudents stores a published course with n students holding a seat
// and returns the course and the students.
func seatedStudents(t *testing.T, db *bun.DB, n int) (string, []string) {
	t.Helper()
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 0)
	repo := postgres.NewEnrollmentRepository(db)
	var students []string
	for range n {
		e := request(t, repo, courseID)
		_, _, err := repo.ReserveSeat(t.Context(), e.ID(), t0)
		require.NoError(t, err)
		students = append(students, e.StudentID())
	}
	return courseID, students
}

func deadlineHandler(db *bun.DB) app.Notifications {
	now := apptest.ClockFunc(func() time.Time { return time.Now().UTC() })
	return app.NewNotifications(app.NotificationDeps{Deliverer: postgres.NewNotifications(db), Deadlines: postgres.NewDeadlines(db),
		Clock: now, IDs: apptest.IDFunc(newID), MailDomain: "lms.test"}, nil)
}

func countNotifications(t *testing.T, db bun.IDB, kind string) map[string]int {
	t.Helper()
	var rows []struct {
		Recipient string `bun:"recipient_id"`
		N         int    `bun:"n"`
	}
	require.NoError(t, db.NewRaw("SELECT recipient_id, count(*) AS n FROM notifications WHERE kind = ? GROUP BY recipient_id", kind).Scan(t.Context(), &rows))
	out := map[string]int{}
	for _, r := range rows {
		out[r.Recipient] = r.N
	}
	return out
}

// TestDeadlines_RemindsTheStudentsWhoHaveNotStartedOnce: of four students
// with a seat, one started the test and one has a later close of her own;
// the reminder of the test's close, asked three times (a workflow's
// activity retried), notifies each of the other two once, in the inbox and
// by mail. Her own close reminds her alone, once.
func TestDeadlines_RemindsTheStudentsWhoHaveNotStartedOnce(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	h := deadlineHandler(db)
	courseID, s := seatedStudents(t, db, 4)
	testID := newID()
	closes := time.Now().UTC().Add(20 * time.Hour).Truncate(time.Second)
	own := closes.Add(48 * time.Hour)
	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Title: "Midterm", ClosesAt: closes, At: t0}}))
	require.NoError(t, h.RecordTestStarted.Handle(ctx, command.RecordTestStartedInput{TestID: testID, StudentID: s[0], At: t0}))
	require.NoError(t, h.RecordStudentClose.Handle(ctx, command.RecordStudentCloseInput{Close: command.StudentClose{TestID: testID, CourseID: courseID, StudentID: s[1], ClosesAt: own, At: t0}}))

	r := command.DeadlineReminder{TestID: testID, CourseID: courseID, ClosesAt: closes}
	n, err := h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: r})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	for range 2 {
		n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: r})
		require.NoError(t, err)
		require.Zero(t, n, "asked again, nobody is reminded twice")
	}
	require.Equal(t, map[string]int{s[2]: 1, s[3]: 1}, countNotifications(t, db, "deadline_approaching"))
	var mails int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM notification_mails WHERE kind = 'deadline_approaching'").Scan(ctx, &mails))
	require.Zero(t, mails, "no address known for these students: inbox only")

	mine := command.DeadlineReminder{TestID: testID, CourseID: courseID, StudentID: s[1], ClosesAt: own}
	n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: mine})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: mine})
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, map[string]int{s[1]: 1, s[2]: 1, s[3]: 1}, countNotifications(t, db, "deadline_approaching"))
}

// TestDeadlines_AMovedOrWithdrawnCloseRemindsNobodyOfTheOldOne: a reminder
// of a close the test no longer has (the change is on its way to the
// workflow) or of a withdrawn test reminds nobody; an older report of the
// test changes nothing.
func TestDeadlines_AMovedOrWithdrawnCloseRemindsNobodyOfTheOldOne(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	h := deadlineHandler(db)
	courseID, _ := seatedStudents(t, db, 2)
	testID := newID()
	closes := time.Now().UTC().Add(20 * time.Hour).Truncate(time.Second)
	later := closes.Add(72 * time.Hour)
	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Title: "Quiz", ClosesAt: closes, At: t0}}))
	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Title: "Quiz", ClosesAt: later, At: t0.Add(time.Hour)}}))
	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Title: "Quiz", ClosesAt: closes, At: t0}}),
		"the first event again, late")

	n, err := h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: command.DeadlineReminder{TestID: testID, CourseID: courseID, ClosesAt: closes}})
	require.NoError(t, err)
	require.Zero(t, n, "the close moved")

	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Withdrawn: true, At: t0.Add(2 * time.Hour)}}))
	n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: command.DeadlineReminder{TestID: testID, CourseID: courseID, ClosesAt: later}})
	require.NoError(t, err)
	require.Zero(t, n, "the test was withdrawn")

	sig := postgres.NewDeadlines(db)
	got, err := sig.ClaimSignals(ctx, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, got, 3, "one signal per change that was applied, none for the late repeat")
	require.Equal(t, closes, got[0].ClosesAt)
	require.Equal(t, later, got[1].ClosesAt)
	require.True(t, got[2].ClosesAt.IsZero(), "the withdrawal ends the reminder")
	again, err := sig.ClaimSignals(ctx, 10, time.Minute)
	require.NoError(t, err)
	require.Empty(t, again, "claimed signals wait for their lease")
	for _, s := range got {
		require.NoError(t, sig.SignalSent(ctx, s.ID))
	}
}

// TestDeadlines_AStudentsOwnCloseBeforeTheTestIsKnownIsAskedAgain: an
// extension granted on a draft reaches the course service before the test
// is published; her reminder then finds no test and reminds nobody. The
// publication signals her reminder again, which now reminds her, once.
func TestDeadlines_AStudentsOwnCloseBeforeTheTestIsKnownIsAskedAgain(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	h := deadlineHandler(db)
	courseID, s := seatedStudents(t, db, 2)
	testID := newID()
	closes := time.Now().UTC().Add(20 * time.Hour).Truncate(time.Second)
	own := closes.Add(2 * time.Hour)
	require.NoError(t, h.RecordStudentClose.Handle(ctx, command.RecordStudentCloseInput{Close: command.StudentClose{TestID: testID, CourseID: courseID, StudentID: s[0], ClosesAt: own, At: t0}}))
	mine := command.DeadlineReminder{TestID: testID, CourseID: courseID, StudentID: s[0], ClosesAt: own}
	n, err := h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: mine})
	require.NoError(t, err)
	require.Zero(t, n, "the test is not known yet")

	require.NoError(t, h.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: testID, CourseID: courseID, Title: "Essay", ClosesAt: closes, At: t0.Add(time.Hour)}}))
	sig := postgres.NewDeadlines(db)
	got, err := sig.ClaimSignals(ctx, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, got, 3, "her close, then the test's with hers again")
	var again []command.DeadlineSignal
	for _, g := range got {
		if g.StudentID == s[0] {
			again = append(again, g)
		}
	}
	require.Len(t, again, 2)
	require.Equal(t, own, again[1].ClosesAt)
	require.True(t, again[1].Version.After(again[0].Version), "newer, so her reminder asks again")

	n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: mine})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = h.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: command.DeadlineReminder{TestID: testID, CourseID: courseID, ClosesAt: closes}})
	require.NoError(t, err)
	require.Equal(t, 1, n, "the test's reminder is for the other student only")
}
