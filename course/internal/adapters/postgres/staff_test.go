package postgres_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
	"lms/shared/events"
)

func TestCourseRepository_KeepsTheStaffAndAnnouncesEachChange(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewCourseRepository(db)
	ctx := t.Context()
	owner := caller.Caller{UserID: "owner", Roles: []string{course.RoleTeacher}}
	c, err := course.New(newID(), owner.UserID, course.Details{Code: "ST-1", Title: "Staffed", CoTeachers: []string{"co"}}, t0)
	require.NoError(t, err)
	require.NoError(t, repo.Add(ctx, c))
	require.NoError(t, repo.Update(ctx, c.ID(), func(c *course.Course) error {
		if _, err := c.AddStaff(owner, "ta", course.StaffAssistant, t0); err != nil {
			return err
		}
		_, err := c.AddStaff(owner, "mentor", course.StaffObserver, t0)
		return err
	}))
	require.NoError(t, repo.Update(ctx, c.ID(), func(c *course.Course) error {
		if _, err := c.ChangeStaffRole(owner, "mentor", course.StaffAssistant, t0); err != nil {
			return err
		}
		return c.RemoveStaff(owner, "ta", t0)
	}))

	got, err := repo.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Equal(t, []course.Member{
		{UserID: "co", Role: course.StaffCoTeacher, AddedBy: "owner", AddedAt: t0},
		{UserID: "mentor", Role: course.StaffAssistant, AddedBy: "owner", AddedAt: t0},
	}, got.Staff())
	require.Equal(t, int64(5), got.StaffVersion())

	var data []json.RawMessage
	require.NoError(t, db.NewRaw("SELECT data FROM outbox WHERE type = ? ORDER BY position", events.TypeCourseStaffChanged).Scan(ctx, &data))
	require.Len(t, data, 5, "one event per change")
	var last events.CourseStaffChanged
	require.NoError(t, json.Unmarshal(data[4], &last))
	require.Equal(t, events.CourseStaffChanged{CourseID: c.ID(), OwnerID: "owner", UserID: "ta", Role: "", PreviousRole: events.StaffAssistant,
		Staff: []events.StaffMember{{UserID: "owner", Role: events.StaffOwner}, {UserID: "co", Role: events.StaffCoTeacher},
			{UserID: "mentor", Role: events.StaffAssistant}},
		Version: 5, ChangedBy: "owner", ChangedAt: t0}, last)

	taught, err := postgres.NewReadModel(db).TaughtBy(ctx, "mentor")
	require.NoError(t, err)
	require.Len(t, taught, 1, "a member's courses are those they teach")
	require.Equal(t, c.ID(), taught[0].ID)
	taught, err = postgres.NewReadModel(db).TaughtBy(ctx, "ta")
	require.NoError(t, err)
	require.Empty(t, taught, "a removed member's are not")
}

// TestCourseRepository_ConcurrentStaffChangesGetDistinctVersions adds
// members from many goroutines at once: the course's row lock orders them,
// so every member is kept and every event has its own version, 1 to n, in
// the order of the outbox.
func TestCourseRepository_ConcurrentStaffChangesGetDistinctVersions(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewCourseRepository(db)
	ctx := t.Context()
	owner := caller.Caller{UserID: "owner", Roles: []string{course.RoleTeacher}}
	c, err := course.New(newID(), owner.UserID, course.Details{Code: "ST-2", Title: "Busy"}, t0)
	require.NoError(t, err)
	require.NoError(t, repo.Add(ctx, c))

	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- repo.Update(ctx, c.ID(), func(c *course.Course) error {
				_, err := c.AddStaff(owner, fmt.Sprintf("ta-%02d", i), course.StaffAssistant, t0)
				return err
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := repo.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Len(t, got.Staff(), n)
	require.Equal(t, int64(n), got.StaffVersion())
	var versions []int64
	require.NoError(t, db.NewRaw("SELECT (data->>'version')::bigint FROM outbox WHERE type = ? ORDER BY position",
		events.TypeCourseStaffChanged).Scan(ctx, &versions))
	want := make([]int64, n)
	for i := range want {
		want[i] = int64(i + 1)
	}
	require.Equal(t, want, versions, "one version per change, in commit order")
}
