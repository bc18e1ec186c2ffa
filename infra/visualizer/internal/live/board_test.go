package live_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/flow"
	"lms/infra/visualizer/internal/live"
	"lms/shared/events"
)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func TestBoard_Snapshot(t *testing.T) {
	t.Parallel()
	c := &clock{now: time.Date(2026, 11, 30, 5, 0, 10, 0, time.UTC)}
	b := live.NewBoard(events.Topics(), c.Now)

	ev, err := events.NewOf("a1", "a1", events.AttemptStarted{AttemptID: "a1", StudentID: "s1"}, c.now)
	require.NoError(t, err)
	for i := range 20 {
		b.Event(events.TopicAssessment, c.now.Add(-time.Duration(i%10+1)*time.Second), &ev)
	}
	b.Event(events.DeadLetter(events.TopicCourse), c.now.Add(-time.Hour), nil)
	b.CaughtUp(events.TopicAssessment)

	s := b.Snapshot()
	require.Equal(t, 1, s.People[flow.InExam], "the same attempt read twenty times is one student in an exam")
	require.InDelta(t, 2.0, s.PerSecond["exam_starts"], 1e-9, "each start message counts in the rate of exam starts")
	require.Zero(t, s.PerSecond["submissions"])
	topics := map[string]live.Topic{}
	for _, tp := range s.Topics {
		topics[tp.Name] = tp
	}
	require.Len(t, topics, 6, "each domain topic and its dead-letter topic")
	require.InDelta(t, 2.0, topics[events.TopicAssessment].EventsPerSecond, 1e-9, "20 events over the last 10 s")
	require.Equal(t, 20, topics[events.TopicAssessment].Total)
	require.True(t, topics[events.TopicAssessment].CaughtUp)
	require.Equal(t, 1, topics[events.DeadLetter(events.TopicCourse)].Total)
	require.Zero(t, topics[events.DeadLetter(events.TopicCourse)].EventsPerSecond, "an old dead letter is no current rate")

	b.Restart()
	b.Event(events.TopicAssessment, c.now, &ev)
	s = b.Snapshot()
	require.Equal(t, 1, s.People[flow.InExam])
	for _, tp := range s.Topics {
		if tp.Name == events.TopicAssessment {
			require.Equal(t, 1, tp.Total, "a reader that starts over counts nothing twice")
		}
	}
}

func TestBoard_Sims(t *testing.T) {
	t.Parallel()
	c := &clock{now: time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)}
	b := live.NewBoard(events.Topics(), c.Now)
	b.Sim(live.SimProgress{RunID: "r1", StartedAt: "2026-11-30T05:00:00Z", ElapsedSeconds: 1})
	b.Sim(live.SimProgress{RunID: "r1", StartedAt: "2026-11-30T05:00:00Z", ElapsedSeconds: 2})
	b.Sim(live.SimProgress{RunID: "r2", StartedAt: "2026-11-30T04:00:00Z", Done: true})

	s := b.Snapshot()
	require.Len(t, s.Sims, 2)
	require.Equal(t, "r1", s.Sims[0].RunID, "the latest run first")
	require.InDelta(t, 2.0, s.Sims[0].ElapsedSeconds, 1e-9, "the latest report of a run")

	c.now = c.now.Add(6 * time.Second)
	s = b.Snapshot()
	require.True(t, s.Sims[0].Stale, "a run that stopped reporting before it was done")
	require.False(t, s.Sims[1].Stale, "a finished run is not stale")

	c.now = c.now.Add(11 * time.Minute)
	require.Empty(t, b.Snapshot().Sims, "old runs leave the page")
}
