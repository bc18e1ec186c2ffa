package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/accommodation"
)

// TestSubmitAttempt_LatenessCountsFromHerOwnClose: a test that takes late
// work closes an hour after t0; alice's later close, granted before she
// starts or while she works, moves when her lateness starts, so a
// submission between the two closes is on time for her and late without it.
func TestSubmitAttempt_LatenessCountsFromHerOwnClose(t *testing.T) {
	t.Parallel()
	hers := t0.Add(2 * time.Hour)
	for name, tc := range map[string]struct {
		before, during bool
		late           bool
	}{
		"without a later close she is late": {late: true},
		"granted before she starts":         {before: true},
		"granted while she works":           {during: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			x := newHarness(t)
			c := content()
			c.Settings.TimeLimit = 0
			c.Settings.Closes = t0.Add(time.Hour)
			c.Settings.Late.Accept, c.Settings.Late.PenaltyPercent = true, 50
			tt := x.published(t, c)
			grant := func() {
				_, err := x.h.GrantAccommodation.Handle(t.Context(), command.GrantAccommodationInput{
					Caller: teacher, TestID: tt.ID(), StudentID: "alice", Terms: accommodation.Terms{Closes: hers}, Reason: "documented",
				})
				require.NoError(t, err)
			}
			if tc.before {
				grant()
			}
			a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
			require.NoError(t, err)
			if tc.during {
				grant()
			}
			x.clock.Set(t0.Add(90 * time.Minute))
			got, err := x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: a.ID()})
			require.NoError(t, err)
			require.Equal(t, tc.late, got.Late())
		})
	}
}
