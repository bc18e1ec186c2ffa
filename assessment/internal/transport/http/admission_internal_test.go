package http

import (
	"context"
	"fmt"
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
	t.Run("starts turned away for want of a place form a line: a later turn comes back later", func(t *testing.T) {
		t.Parallel()
		now := t0
		room := newAdmission(AdmissionOptions{InFlight: 1, Key: []byte("room key")}, func() time.Time { return now })
		room.line.served(2 * time.Second) // the service has been taking 2 s a start
		first, w, err := room.admit(t.Context(), "exam", "s1", "")
		require.NoError(t, err)
		require.Nil(t, w)

		tickets := map[string]string{}
		for i, s := range []string{"s2", "s3", "s4"} {
			now = now.Add(time.Millisecond) // s2's turn comes first
			_, w, err := room.admit(t.Context(), "exam", s, "")
			require.NoError(t, err)
			require.NotNil(t, w)
			require.Equal(t, 1+i, w.Position, "the start being served and those turned away before her")
			require.Equal(t, time.Duration(i+1)*2*time.Second, w.After, "one place serving a start each 2 s reaches her then")
			tickets[s] = w.Ticket
		}
		// s4 comes back too early: she is still behind s2 and s3.
		_, w, err = room.admit(t.Context(), "exam", "s4", tickets["s4"])
		require.NoError(t, err)
		require.Equal(t, 3, w.Position)
		require.Equal(t, 6*time.Second, w.After)

		now = t0.Add(2 * time.Second)
		first() // served in 2 s, as the others were
		second, w, err := room.admit(t.Context(), "exam", "s2", tickets["s2"])
		require.NoError(t, err)
		require.Nil(t, w, "s2 takes the freed place and leaves the line")
		_, w, err = room.admit(t.Context(), "exam", "s3", tickets["s3"])
		require.NoError(t, err)
		require.Equal(t, 1, w.Position, "only the start being served is ahead of s3 now")
		require.Equal(t, 2*time.Second, w.After)

		// A long line is capped: nobody is told to stay away for minutes.
		for i := range 100 {
			now = now.Add(time.Millisecond)
			_, w, err = room.admit(t.Context(), "exam", fmt.Sprintf("late%d", i), "")
			require.NoError(t, err)
			require.NotNil(t, w)
		}
		second()
		held, w, err := room.admit(t.Context(), "exam", "s3", tickets["s3"])
		require.NoError(t, err)
		require.Nil(t, w, "the place is free again and s3's turn is before the late ones'")
		_, w, err = room.admit(t.Context(), "exam", "last", "")
		require.NoError(t, err)
		require.Equal(t, maxComeBack, w.After)
		held()

		// Someone who never comes back is forgotten once her time is up.
		now = now.Add(2*maxComeBack + 6*time.Second)
		busy, w, err := room.admit(t.Context(), "exam", "later", "")
		require.NoError(t, err)
		require.Nil(t, w)
		_, w, err = room.admit(t.Context(), "exam", "again", "")
		require.NoError(t, err)
		require.Equal(t, 1, w.Position, "those who gave up no longer count")
		busy()
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
