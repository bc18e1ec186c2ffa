package command_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/accommodation"
	"lms/shared/caller"
)

func TestGrantAccommodation(t *testing.T) {
	t.Parallel()
	grant := func(x *harness, c caller.Caller, testID, student string, terms accommodation.Terms) (command.Granted, error) {
		return x.h.GrantAccommodation.Handle(t.Context(), command.GrantAccommodationInput{
			Caller: c, TestID: testID, StudentID: student, Terms: terms, Reason: "documented",
		})
	}
	t.Run("moves a running attempt's deadline once, stored and named for the relay", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		x.clock.Advance(29 * time.Minute)
		terms := accommodation.Terms{ExtraTime: 15 * time.Minute}

		g, err := grant(x, teacher, tt.ID(), "alice", terms)
		require.NoError(t, err)
		require.True(t, g.Changed)
		want := []accommodation.Extension{{AttemptID: a.ID(), Deadline: t0.Add(45 * time.Minute)}}
		require.Equal(t, want, g.Extensions)
		stored, err := x.attempts.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, t0.Add(45*time.Minute), stored.Deadline(), "her view has it when the grant answers")

		g, err = grant(x, teacher, tt.ID(), "alice", terms)
		require.NoError(t, err)
		require.False(t, g.Changed)
		require.Empty(t, g.Extensions)
		require.Equal(t, want, x.accommodations.Extensions, "granted twice, extended once")
		require.Len(t, x.accommodations.Events, 1)
	})
	t.Run("lower terms never shorten a running attempt", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		_, err := grant(x, teacher, tt.ID(), "alice", accommodation.Terms{TimeFactor: 2})
		require.NoError(t, err)
		a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		require.Equal(t, t0.Add(time.Hour), a.Deadline())
		g, err := grant(x, teacher, tt.ID(), "alice", accommodation.Terms{})
		require.NoError(t, err)
		require.True(t, g.Changed, "taken back for later attempts")
		require.Empty(t, g.Extensions)
		stored, err := x.attempts.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, t0.Add(time.Hour), stored.Deadline())
	})
	t.Run("an extra attempt allows one more start", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content()) // two attempts
		for range 2 {
			a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
			require.NoError(t, err)
			_, err = x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: a.ID()})
			require.NoError(t, err)
		}
		_, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		requireSlug(t, err, "no-attempts-left")
		_, err = grant(x, teacher, tt.ID(), "alice", accommodation.Terms{ExtraAttempts: 1})
		require.NoError(t, err)
		a, err := x.h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
		require.NoError(t, err)
		require.Equal(t, 3, a.Number())
	})
	t.Run("only who changes the course's tests grants, to a student of the course", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		tt := x.published(t, content())
		require.NoError(t, x.roster.RecordStaff(t.Context(), "c1", 1, map[string]string{"ta": access.StaffAssistant, "co": access.StaffCoTeacher}))
		terms := accommodation.Terms{ExtraAttempts: 1}
		_, err := grant(x, alice, tt.ID(), "alice", terms)
		requireSlug(t, err, "forbidden")
		_, err = grant(x, caller.Caller{UserID: "ta", Roles: []string{access.RoleTeacher}}, tt.ID(), "alice", terms)
		requireSlug(t, err, "staff-role-insufficient")
		_, err = grant(x, other, tt.ID(), "alice", terms)
		requireSlug(t, err, "test-not-found")
		_, err = grant(x, teacher, tt.ID(), "bob", terms)
		requireSlug(t, err, "student-not-enrolled")
		_, err = grant(x, caller.Caller{UserID: "co", Roles: []string{access.RoleTeacher}}, tt.ID(), "alice", terms)
		require.NoError(t, err, "a co-teacher grants")
		_, err = x.h.GrantAccommodation.Handle(t.Context(), command.GrantAccommodationInput{Caller: teacher, TestID: tt.ID(), StudentID: "alice", Terms: terms})
		requireSlug(t, err, "accommodation-reason-required")
	})
}

// grantDuringStart is an accommodation repository on which a teacher's
// grant lands between a start's read of the terms and its insert: the
// grant finds no attempt to extend, and the start must see the new terms.
type grantDuringStart struct {
	*apptest.Accommodations
	grant func()
	fired bool
}

func (g *grantDuringStart) Get(ctx context.Context, testID, studentID string) (*accommodation.Accommodation, error) {
	a, err := g.Accommodations.Get(ctx, testID, studentID)
	if !g.fired {
		g.fired = true
		g.grant()
	}
	return a, err
}

func TestStartAttempt_AGrantWrittenDuringTheStartReachesTheNewAttempt(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	tt := x.published(t, content())
	acc := &grantDuringStart{Accommodations: x.accommodations}
	h := app.New(app.Deps{Tests: x.tests, Attempts: x.attempts, Accommodations: acc,
		Roster: x.roster, Recorder: x.roster, Clock: x.clock, IDs: &apptest.IDs{}}, nil).Commands
	acc.grant = func() {
		g, err := h.GrantAccommodation.Handle(t.Context(), command.GrantAccommodationInput{Caller: teacher, TestID: tt.ID(), StudentID: "alice",
			Terms: accommodation.Terms{ExtraTime: 20 * time.Minute}, Reason: "documented"})
		require.NoError(t, err)
		require.Empty(t, g.Extensions, "no attempt yet when the grant looked")
	}

	a, err := h.StartAttempt.Handle(t.Context(), command.StartAttemptInput{Caller: alice, TestID: tt.ID()})
	require.NoError(t, err)
	require.Equal(t, t0.Add(50*time.Minute), a.Deadline(), "the start saw the grant after its insert")
	require.Equal(t, []accommodation.Extension{{AttemptID: a.ID(), Deadline: t0.Add(50 * time.Minute)}}, x.accommodations.Extensions,
		"stored with the accommodation, for the relay to signal the workflow")
}
