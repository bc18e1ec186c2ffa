package http

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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
			_, w, err := room.admit(t.Context(), "exam", s, "")
			require.NoError(t, err)
			require.Nil(t, w, "%s is within the burst", s)
		}
		var waits []*wait
		for _, s := range []string{"s3", "s4", "s5"} {
			_, w, err := room.admit(t.Context(), "exam", s, "")
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
		_, w, err := room.admit(t.Context(), "exam", "s5", waits[2].Ticket)
		require.NoError(t, err)
		require.Equal(t, waits[2].Ticket, w.Ticket)
		require.Equal(t, 100*time.Millisecond, w.After)
		now = t0.Add(300 * time.Millisecond)
		_, w, err = room.admit(t.Context(), "exam", "s5", waits[2].Ticket)
		require.NoError(t, err)
		require.Nil(t, w)
	})
	t.Run("a ticket counts only for its student and test, and only if signed here", func(t *testing.T) {
		t.Parallel()
		now := t0
		room := newRoom(&now)
		for range 2 {
			_, _, _ = room.admit(t.Context(), "exam", "s0", "")
		}
		_, w, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		require.NotNil(t, w)
		now = t0.Add(time.Second)
		for _, tc := range []struct{ test, student, ticket string }{
			{"exam", "s2", w.Ticket}, {"quiz", "s1", w.Ticket}, {"exam", "s1", "0.forged"}, {"exam", "s1", "garbage"},
		} {
			_, _, err := room.admit(t.Context(), tc.test, tc.student, tc.ticket)
			require.ErrorIs(t, err, errBadTicket)
		}
		other := newAdmission(AdmissionOptions{Rate: 10, Burst: 2, Key: []byte("another key")}, func() time.Time { return now })
		_, _, err = other.admit(t.Context(), "exam", "s1", w.Ticket)
		require.ErrorIs(t, err, errBadTicket, "a replica with another key cannot read it")
	})
	t.Run("no rate admits everyone", func(t *testing.T) {
		t.Parallel()
		room := newAdmission(AdmissionOptions{}, time.Now)
		for range 100 {
			_, w, err := room.admit(t.Context(), "exam", "s", "")
			require.NoError(t, err)
			require.Nil(t, w)
		}
	})
	t.Run("a start whose turn has come waits for a place among those being served, or comes back with its ticket", func(t *testing.T) {
		t.Parallel()
		now := t0
		room := newAdmission(AdmissionOptions{Rate: 10, Burst: 3, Hold: 0, InFlight: 2, Key: []byte("room key")}, func() time.Time { return now })
		first, w, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		require.Nil(t, w)
		second, w, err := room.admit(t.Context(), "exam", "s2", "")
		require.NoError(t, err)
		require.Nil(t, w)

		// s3's turn has come by the pace, but both places are taken.
		none, w, err := room.admit(t.Context(), "exam", "s3", "")
		require.NoError(t, err)
		require.Nil(t, none)
		require.NotNil(t, w, "no place: the waiting room's answer, not a queue inside the request")
		require.Equal(t, 2, w.Position, "the two starts being served are ahead of her")
		require.Equal(t, time.Second, w.After)
		ticket := w.Ticket

		// Her ticket keeps her turn: it admits her once a place is free,
		// without taking a later student's slot of the pace.
		_, w, err = room.admit(t.Context(), "exam", "s3", ticket)
		require.NoError(t, err)
		require.NotNil(t, w, "still no place")
		require.Equal(t, ticket, w.Ticket)
		first()
		third, w, err := room.admit(t.Context(), "exam", "s3", ticket)
		require.NoError(t, err)
		require.Nil(t, w, "a place was freed")
		second()
		third()
	})
	t.Run("a start may wait for a place within Hold", func(t *testing.T) {
		t.Parallel()
		room := newAdmission(AdmissionOptions{InFlight: 1, Hold: time.Minute, Key: []byte("room key")}, time.Now)
		leave, w, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		require.Nil(t, w)
		admitted := make(chan func())
		go func() {
			done, w, err := room.admit(t.Context(), "exam", "s2", "")
			assert.NoError(t, err)
			assert.Nil(t, w)
			admitted <- done
		}()
		select {
		case <-admitted:
			t.Fatal("s2 was admitted while the only place was taken")
		case <-time.After(100 * time.Millisecond):
		}
		leave()
		(<-admitted)()
	})
	t.Run("a caller who leaves while waiting for a place gets its reason", func(t *testing.T) {
		t.Parallel()
		room := newAdmission(AdmissionOptions{InFlight: 1, Hold: time.Minute, Key: []byte("room key")}, time.Now)
		leave, _, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		defer leave()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, _, err = room.admit(ctx, "exam", "s2", "")
		require.ErrorIs(t, err, context.Canceled)
	})
}
