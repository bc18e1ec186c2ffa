package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

// TestTest_AnnouncesItsWindow: readers that remind students before a test
// closes learn its window when it is published and when a published test's
// close moves.
func TestTest_AnnouncesItsWindow(t *testing.T) {
	t.Parallel()
	c := sample()
	opens, closes := t0.Add(time.Hour), t0.Add(72*time.Hour)
	c.Settings.Opens, c.Settings.Closes = opens, closes
	tt, err := exam.New("t1", "c1", "teacher", c, t0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(t0))
	evs := tt.PopEvents()
	require.Len(t, evs, 1)
	p := evs[0].(exam.Published)
	require.Equal(t, opens, p.Opens)
	require.Equal(t, closes, p.Closes)

	c.Settings.Closes = closes.Add(24 * time.Hour)
	require.NoError(t, tt.Edit(c, t0.Add(time.Minute)))
	evs = tt.PopEvents()
	require.Len(t, evs, 1)
	require.Equal(t, closes.Add(24*time.Hour), evs[0].(exam.Published).Closes)
}
