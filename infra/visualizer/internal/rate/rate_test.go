package rate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/rate"
)

var t0 = time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)

func TestWindow_PerSecond(t *testing.T) {
	t.Parallel()
	t.Run("averages the complete seconds of the window", func(t *testing.T) {
		t.Parallel()
		w := rate.NewWindow(5 * time.Second)
		for s := range 5 {
			w.Add(t0.Add(time.Duration(s)*time.Second+300*time.Millisecond), 10)
		}
		require.InDelta(t, 10.0, w.PerSecond(t0.Add(5*time.Second)), 1e-9)
	})
	t.Run("leaves out the second under way", func(t *testing.T) {
		t.Parallel()
		w := rate.NewWindow(5 * time.Second)
		w.Add(t0.Add(5*time.Second), 100)
		require.Zero(t, w.PerSecond(t0.Add(5*time.Second+500*time.Millisecond)))
		require.InDelta(t, 20.0, w.PerSecond(t0.Add(6*time.Second)), 1e-9)
	})
	t.Run("forgets what slid out of the window", func(t *testing.T) {
		t.Parallel()
		w := rate.NewWindow(5 * time.Second)
		w.Add(t0, 50)
		require.InDelta(t, 10.0, w.PerSecond(t0.Add(time.Second)), 1e-9)
		require.Zero(t, w.PerSecond(t0.Add(10*time.Second)))
	})
	t.Run("a replay of old history is no burst", func(t *testing.T) {
		t.Parallel()
		w := rate.NewWindow(5 * time.Second)
		now := t0.Add(time.Hour)
		for s := range 600 {
			w.Add(t0.Add(time.Duration(s)*time.Second), 1000)
		}
		w.Add(now.Add(-2*time.Second), 5)
		require.InDelta(t, 1.0, w.PerSecond(now), 1e-9)
	})
	t.Run("an old occurrence never overwrites a newer second", func(t *testing.T) {
		t.Parallel()
		w := rate.NewWindow(5 * time.Second)
		w.Add(t0.Add(10*time.Second), 6)
		w.Add(t0.Add(4*time.Second), 1000) // same slot, older
		require.InDelta(t, 1.2, w.PerSecond(t0.Add(11*time.Second)), 1e-9)
	})
}
