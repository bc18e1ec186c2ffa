package course_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
	"lms/shared/errs"
)

func TestCourse_SetAdmission(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		in   course.Admission
		want course.Admission
		slug string
	}{
		"a new course is open with the default delays": {in: course.Admission{Policy: course.PolicyOpen}, want: course.DefaultAdmission},
		"absent delays take the defaults": {in: course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Hour},
			want: course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Hour, EscalateAfter: 120 * time.Hour, ExpireAfter: 336 * time.Hour}},
		"seconds are enough": {in: course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Second, EscalateAfter: 2 * time.Second, ExpireAfter: 3 * time.Second},
			want: course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Second, EscalateAfter: 2 * time.Second, ExpireAfter: 3 * time.Second}},
		"an unknown policy":              {in: course.Admission{Policy: "lottery"}, slug: "invalid-enrollment-policy"},
		"escalation before the reminder": {in: course.Admission{Policy: course.PolicyApproval, RemindAfter: 3 * time.Hour, EscalateAfter: time.Hour}, slug: "invalid-enrollment-policy"},
		"expiry not after escalation":    {in: course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour, ExpireAfter: 2 * time.Hour}, slug: "invalid-enrollment-policy"},
		"fractions of a second":          {in: course.Admission{Policy: course.PolicyApproval, RemindAfter: 1500 * time.Millisecond}, slug: "invalid-enrollment-policy"},
		"an expiry beyond a year":        {in: course.Admission{Policy: course.PolicyApproval, ExpireAfter: 400 * 24 * time.Hour}, slug: "invalid-enrollment-policy"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			co, err := course.New("c1", "owner", course.Details{Code: "ADM-1", Title: "Admission"}, now)
			require.NoError(t, err)
			require.Equal(t, course.DefaultAdmission, co.Admission())
			err = co.SetAdmission(c.in, now)
			if c.slug != "" {
				e, ok := errs.As(err)
				require.True(t, ok, "%v", err)
				require.Equal(t, c.slug, e.Slug)
				require.Equal(t, course.DefaultAdmission, co.Admission(), "a refused change changes nothing")
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, co.Admission())
			require.Equal(t, c.want.Policy == course.PolicyApproval, co.RequiresApproval())
		})
	}
	t.Run("an archived course is read-only", func(t *testing.T) {
		t.Parallel()
		co, err := course.New("c2", "owner", course.Details{Code: "ADM-2", Title: "Admission"}, now)
		require.NoError(t, err)
		require.NoError(t, co.Archive("owner", now))
		require.ErrorIs(t, co.SetAdmission(course.Admission{Policy: course.PolicyApproval}, now), course.ErrArchived)
	})
}
