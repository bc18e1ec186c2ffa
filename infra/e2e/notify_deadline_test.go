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
