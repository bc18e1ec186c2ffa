package http

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAdmission_WaitingRoom(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	newRoom := func(now *time.Time) *admission {
		return newAdmission(AdmissionOptions{Rate: 10, Burst: 2, Hold: 0, Key: []byte("room key")}, func() time.Time { return *now })
	}
	t.Run("admits the burst at once, then gives each later start its place and time", func(t *testing.T) {
		t.Parallel()
		now := t0
		room := newRoom(&now)
		for _, s := range []string{"s1", "s2"} {
			w, err := room.admit(t.Context(), "exam", s, "")
			require.NoError(t, err)
			require.Nil(t, w, "%s is within the burst", s)
		}
		var waits []*wait
		for _, s := range []string{"s3", "s4", "s5"} {
			w, err := room.admit(t.Context(), "exam", s, "")
			require.NoError(t, err)
			require.NotNil(t, w)
			waits = append(waits, w)
		}
		require.Equal(t, []int{1, 2, 3}, []int{waits[0].Position, waits[1].Position, waits[2].Position}, "first come, first in line")
		require.Equal(t, 100*time.Millisecond, waits[0].After)
		require.Equal(t, 300*time.Millisecond, waits[2].After)

		// s5 comes back too early: still waiting, same ticket; at her turn
		// she is admitted without taking another's slot.
		now = t0.Add(200 * time.Millisecond)
		w, err := room.admit(t.Context(), "exam", "s5", waits[2].Ticket)
		require.NoError(t, err)
		require.Equal(t, waits[2].Ticket, w.Ticket)
		require.Equal(t, 100*time.Millisecond, w.After)
		now = t0.Add(300 * time.Millisecond)
		w, err = room.admit(t.Context(), "exam", "s5", waits[2].Ticket)
		require.NoError(t, err)
		require.Nil(t, w)
	})
	t.Run("a ticket counts only for its student and test, and only if signed here", func(t *testing.T) {
		t.Parallel()
		now := t0
		room := newRoom(&now)
		for range 2 {
			_, _ = room.admit(t.Context(), "exam", "s0", "")
		}
		w, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		require.NotNil(t, w)
		now = t0.Add(time.Second)
		for _, tc := range []struct{ test, student, ticket string }{
			{"exam", "s2", w.Ticket}, {"quiz", "s1", w.Ticket}, {"exam", "s1", "0.forged"}, {"exam", "s1", "garbage"},
		} {
			_, err := room.admit(t.Context(), tc.test, tc.student, tc.ticket)
			require.ErrorIs(t, err, errBadTicket)
		}
		other := newAdmission(AdmissionOptions{Rate: 10, Burst: 2, Key: []byte("another key")}, func() time.Time { return now })
		_, err = other.admit(t.Context(), "exam", "s1", w.Ticket)
		require.ErrorIs(t, err, errBadTicket, "a replica with another key cannot read it")
	})
	t.Run("no rate admits everyone", func(t *testing.T) {
		t.Parallel()
		room := newAdmission(AdmissionOptions{}, time.Now)
		for range 100 {
			w, err := room.admit(t.Context(), "exam", "s", "")
			require.NoError(t, err)
			require.Nil(t, w)
		}
	})
}
