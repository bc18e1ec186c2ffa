package apptest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// Repos are a course and an enrollment repository over the same storage.
type Repos struct {
	Courses     course.Repository
	Enrollments enrollment.Repository
}

// RunRepositoryContract checks the behaviour the use cases rely on, so the
// fakes here and the PostgreSQL adapters are held to the same rules: one
// open enrollment per student, seats up to the capacity then the waitlist in
// arrival order, idempotent decisions and drops, promotion of the next in
// line, filling new seats, decisions in arrival order whatever order
// they are asked in, and, under approval, requests that wait for it and are
// seated in the order approvals reach the seat decision.
func RunRepositoryContract(t *testing.T, newRepos func(t *testing.T) Repos) {
	t0 := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	t.Run("seats, waitlist, drop and promotion", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		courseID := fmt.Sprintf("course-%d", time.Now().UnixNano())
		c, err := course.New(courseID, "owner", course.Details{Code: "K-" + courseID[len(courseID)-8:], Title: "Contract", Capacity: 1}, t0)
		require.NoError(t, err)
		require.NoError(t, c.Publish(t0))
		require.NoError(t, r.Courses.Add(ctx, c))

		var ids []string
		for i := range 3 {
			e := enrollment.Request(fmt.Sprintf("%s-e%d", courseID, i), courseID, fmt.Sprintf("student-%d", i), t0)
			require.NoError(t, r.Enrollments.Add(ctx, e))
			ids = append(ids, e.ID())
		}
		again := enrollment.Request(courseID+"-again", courseID, "student-0", t0)
		require.ErrorIs(t, r.Enrollments.Add(ctx, again), enrollment.ErrAlreadyEnrolled)

		want := []struct {
			status   enrollment.Status
			position int
		}{{enrollment.StatusActive, 0}, {enrollment.StatusWaitlisted, 1}, {enrollment.StatusWaitlisted, 2}}
		for round := range 2 { // the second round is a retry of every decision
			for i, id := range ids {
				e, pos, err := r.Enrollments.ReserveSeat(ctx, id, t0)
				require.NoError(t, err)
				require.Equal(t, want[i].status, e.Status(), "round %d, enrollment %d", round, i)
				require.Equal(t, want[i].position, pos, "round %d, enrollment %d", round, i)
			}
		}

		for range 2 { // the second drop is a retry
			dropped, promoted, err := r.Enrollments.Drop(ctx, ids[0], "", t0)
			require.NoError(t, err)
			require.Equal(t, enrollment.StatusDropped, dropped.Status())
			require.NotNil(t, promoted)
			require.Equal(t, ids[1], promoted.ID())
		}
		_, pos, err := r.Enrollments.ReserveSeat(ctx, ids[2], t0)
		require.NoError(t, err)
		require.Equal(t, 1, pos, "the line moved up")

		require.NoError(t, r.Courses.Update(ctx, courseID, func(c *course.Course) error {
			d := c.Details()
			d.Capacity = 0
			return c.Edit(d, t0)
		}))
		promoted, err := r.Enrollments.FillSeats(ctx, courseID, t0)
		require.NoError(t, err)
		require.Len(t, promoted, 1)
		require.Equal(t, ids[2], promoted[0].ID())
		cur, err := r.Enrollments.Current(ctx, courseID, "student-2")
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusActive, cur.Status())
	})
	t.Run("a later request decided first leaves the seat to the earlier arrival", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		courseID := fmt.Sprintf("course-%d", time.Now().UnixNano())
		c, err := course.New(courseID, "owner", course.Details{Code: "A-" + courseID[len(courseID)-8:], Title: "Arrival", Capacity: 1}, t0)
		require.NoError(t, err)
		require.NoError(t, c.Publish(t0))
		require.NoError(t, r.Courses.Add(ctx, c))
		var ids []string
		for i := range 3 {
			e := enrollment.Request(fmt.Sprintf("%s-e%d", courseID, i), courseID, fmt.Sprintf("student-%d", i), t0)
			require.NoError(t, r.Enrollments.Add(ctx, e))
			ids = append(ids, e.ID())
		}
		for _, i := range []int{2, 1, 0} {
			_, _, err := r.Enrollments.ReserveSeat(ctx, ids[i], t0)
			require.NoError(t, err)
		}
		for i, want := range []int{0, 1, 2} {
			e, pos, err := r.Enrollments.ReserveSeat(ctx, ids[i], t0)
			require.NoError(t, err)
			require.Equal(t, want, pos, "arrival %d", i+1)
			if want == 0 {
				require.Equal(t, enrollment.StatusActive, e.Status())
			}
		}
	})
	t.Run("under approval requests wait and approved ones are seated in the order of approval", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		courseID := fmt.Sprintf("course-%d", time.Now().UnixNano())
		c, err := course.New(courseID, "owner", course.Details{Code: "V-" + courseID[len(courseID)-8:], Title: "Approval", Capacity: 1}, t0)
		require.NoError(t, err)
		require.NoError(t, c.Publish(t0))
		require.NoError(t, c.SetAdmission(course.Admission{Policy: course.PolicyApproval}, t0))
		require.NoError(t, r.Courses.Add(ctx, c))
		var ids []string
		for i := range 3 {
			e := enrollment.Request(fmt.Sprintf("%s-e%d", courseID, i), courseID, fmt.Sprintf("student-%d", i), t0)
			require.NoError(t, r.Enrollments.Add(ctx, e))
			ids = append(ids, e.ID())
		}
		for _, id := range ids {
			e, _, err := r.Enrollments.ReserveSeat(ctx, id, t0)
			require.NoError(t, err)
			require.Equal(t, enrollment.StatusPendingApproval, e.Status())
			require.Equal(t, t0.Add(course.DefaultAdmission.ExpireAfter), e.Approval().ExpireAt)
		}
		cur, err := r.Enrollments.Current(ctx, courseID, "student-0")
		require.NoError(t, err)
		require.Equal(t, ids[0], cur.ID(), "a pending request is the student's current enrollment")
		approve := func(id string) {
			t.Helper()
			require.NoError(t, r.Enrollments.Update(ctx, id, func(e *enrollment.Enrollment) error { return e.Approve("owner", t0) }))
		}
		// The last arrival, approved first, takes the only seat; the first
		// arrival, approved next, waits in line.
		approve(ids[2])
		first, _, err := r.Enrollments.ReserveSeat(ctx, ids[2], t0)
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusActive, first.Status())
		approve(ids[0])
		second, pos, err := r.Enrollments.ReserveSeat(ctx, ids[0], t0)
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusWaitlisted, second.Status())
		require.Equal(t, 1, pos)
		pending, _, err := r.Enrollments.ReserveSeat(ctx, ids[1], t0)
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusPendingApproval, pending.Status(), "the request not approved stays before the teachers")
	})
	t.Run("a deleted course is gone with its lessons; a refused delete keeps it", func(t *testing.T) {
		r := newRepos(t)
		ctx := t.Context()
		courseID := fmt.Sprintf("course-%d", time.Now().UnixNano())
		c, err := course.New(courseID, "owner", course.Details{Code: "X-" + courseID[len(courseID)-8:], Title: "Gone"}, t0)
		require.NoError(t, err)
		_, err = c.AddLesson(courseID+"-l1", course.LessonDetails{Title: "Intro"}, t0)
		require.NoError(t, err)
		require.NoError(t, r.Courses.Add(ctx, c))
		require.ErrorIs(t, r.Courses.Delete(ctx, courseID, func(*course.Course) error { return course.ErrNotFound }), course.ErrNotFound)
		kept, err := r.Courses.Get(ctx, courseID)
		require.NoError(t, err)
		require.Len(t, kept.Lessons(), 1)
		require.NoError(t, r.Courses.Delete(ctx, courseID, (*course.Course).Deletable))
		_, err = r.Courses.Get(ctx, courseID)
		require.ErrorIs(t, err, course.ErrNotFound)
		require.ErrorIs(t, r.Courses.Delete(ctx, courseID, (*course.Course).Deletable), course.ErrNotFound)
		again, err := course.New(courseID+"-2", "owner", course.Details{Code: c.Details().Code, Title: "Same code"}, t0)
		require.NoError(t, err)
		require.NoError(t, r.Courses.Add(ctx, again), "the code is free again")
	})
}
