package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
)

// deadlineNotices lists the student's "deadline approaching" notifications.
func deadlineNotices(t testing.TB, g api, who account) []map[string]any {
	t.Helper()
	items, _, _ := g.inbox(t, who, "?page_size=50")
	var out []map[string]any
	for _, n := range items {
		if n["kind"] == "deadline_approaching" {
			out = append(out, n)
		}
	}
	return out
}

// TestNotifications_DeadlineReminderOncePerClose: a test published to
// close within a day reminds the enrolled student who has not started it,
// in her inbox and by mail, through assessment's event, the course
// service's timer workflow and its activity; an edit that keeps the close
// reminds nobody again; moving the close reminds once more, of the new
// close: two reminders in all.
func TestNotifications_DeadlineReminderOncePerClose(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	mp := testkit.NewMailpit(t)
	teacher := g.teacher(t, g.admin(t), "deadline-teacher")
	student := g.registerMember(t, "deadline-student")
	c := buildCourse(t, g, teacher, 5, "Lesson")
	c.enroll(t, g, student.account, "active")

	closes := time.Now().Add(20 * time.Hour).UTC().Truncate(time.Second)
	body := quiz(0)
	body["title"] = "Deadline quiz"
	body["closes_at"] = closes.Format(time.RFC3339)
	test := writeTest(t, g, teacher, c, body)
	id := test["id"].(string)

	require.Eventually(t, func() bool { return len(deadlineNotices(t, g, student.account)) == 1 }, 90*time.Second, 250*time.Millisecond,
		"the student is reminded of the test closing within a day")
	first := deadlineNotices(t, g, student.account)[0]
	require.Contains(t, first["body"], "Deadline quiz")
	require.Contains(t, first["body"], closes.Format("15:04"))

	edited := quiz(0)
	edited["title"] = "Deadline quiz (typo fixed)"
	edited["closes_at"] = closes.Format(time.RFC3339)
	g.call(t, teacher.token, http.MethodPut, "/api/v1/tests/"+id, edited, http.StatusOK)
	moved := quiz(0)
	moved["title"] = "Deadline quiz (typo fixed)"
	later := closes.Add(2 * time.Hour)
	moved["closes_at"] = later.Format(time.RFC3339)
	g.call(t, teacher.token, http.MethodPut, "/api/v1/tests/"+id, moved, http.StatusOK)

	require.Eventually(t, func() bool { return len(deadlineNotices(t, g, student.account)) >= 2 }, 90*time.Second, 250*time.Millisecond,
		"the moved close is reminded of")
	notices := deadlineNotices(t, g, student.account)
	require.Len(t, notices, 2, "one reminder per close: the edit that kept the close reminded nobody")
	require.Contains(t, notices[0]["body"], later.Format("15:04"), "newest first: the moved close")

	require.Eventually(t, func() bool { return len(mailsAbout(t, mp, student.email, "closes within a day")) == 2 }, 60*time.Second, 250*time.Millisecond)
	for _, m := range mailsAbout(t, mp, student.email, "closes within a day") {
		require.True(t, strings.Contains(mp.Text(t, m.ID), "You have not started"))
	}
}

// TestNotifications_AStudentsOwnLaterCloseRemindsHerOfHers: an extension
// granted on the draft gives one student a later close of her own; once the
// test is published, the other student is reminded of the test's close and
// she of hers, each once.
func TestNotifications_AStudentsOwnLaterCloseRemindsHerOfHers(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	other := f.g.register(t, "deadline-other")
	f.c.enroll(t, f.g, other, "active")
	closes := time.Now().Add(20 * time.Hour).UTC().Truncate(time.Second)
	own := closes.Add(3 * time.Hour)
	body := quiz(0)
	body["title"] = "Extended quiz"
	body["closes_at"] = closes.Format(time.RFC3339)
	id := f.draft(t, body)
	f.g.call(t, f.teacher.token, http.MethodPut, grantPath(id, f.student.id),
		map[string]any{"closes_at": own.Format(time.RFC3339), "reason": "a documented illness"}, http.StatusOK)
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+id+"/publish", nil, http.StatusOK)

	require.Eventually(t, func() bool {
		return len(deadlineNotices(t, f.g, f.student)) == 1 && len(deadlineNotices(t, f.g, other)) == 1
	}, 90*time.Second, 250*time.Millisecond, "each student is reminded")
	require.Contains(t, deadlineNotices(t, f.g, f.student)[0]["body"], own.Format("15:04"), "of her own close")
	require.Contains(t, deadlineNotices(t, f.g, other)[0]["body"], closes.Format("15:04"), "of the test's")
}
