package mongo

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/testkit"
)

// pendingOf returns the kinds of the document's pending items.
func pendingOf(t *testing.T, s *Store, id string) []string {
	t.Helper()
	var d struct {
		Items []pendingItem `bson:"pending_items"`
	}
	require.NoError(t, s.collection(collAttempts).FindOne(t.Context(), bson.M{"_id": id}, &d))
	kinds := []string{}
	for _, it := range d.Items {
		kinds = append(kinds, it.Kind)
	}
	return kinds
}

// startedFor stores a published test and an attempt at it in progress.
func startedFor(t *testing.T, s *Store) exam.Version {
	t.Helper()
	tt, err := exam.New("t1", "c1", "teacher", apptest.SampleContent(), apptest.T0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(apptest.T0))
	tt.PopEvents()
	require.NoError(t, s.Tests().Add(t.Context(), tt))
	require.NoError(t, s.Tests().MarkInUse(t.Context(), "t1", 1))
	tt, err = s.Tests().Get(t.Context(), "t1")
	require.NoError(t, err)
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Now: apptest.T0})
	require.NoError(t, err)
	require.NoError(t, s.Attempts().Add(t.Context(), a))
	return tt.Current()
}

// submitA1 submits a1 as its student: three new items (the event, the
// signal and the summary), as many as the start left.
func submitA1(t *testing.T, s *Store, v exam.Version) {
	t.Helper()
	require.NoError(t, s.Attempts().Update(t.Context(), "a1", func(a *attempt.Attempt) error {
		_, err := a.Submit(v, attempt.ByStudent, apptest.T0.Add(time.Minute))
		return err
	}))
}

// TestRelay_AReleaseAfterItsClaimLapsedLosesNoItemWrittenMeanwhile: a relay
// takes so long to hand on a document's items that its claim lapses;
// another relay hands them on and removes them, and the student's submit
// adds as many new ones. The slow relay's release must not take the new
// items for its own.
func TestRelay_AReleaseAfterItsClaimLapsedLosesNoItemWrittenMeanwhile(t *testing.T) {
	t.Parallel()
	s := NewStore(testkit.Mongo(t))
	require.NoError(t, s.Migrate(t.Context()))
	v := startedFor(t, s)
	c := &counter{}
	slow := s.NewRelay(c, c, RelayOptions{Claim: time.Millisecond}, slog.New(slog.DiscardHandler))
	coll := s.collection(collAttempts)
	items, until, ok, err := slow.claim(t.Context(), coll, "a1")
	require.NoError(t, err)
	require.True(t, ok)
	require.Len(t, items, 3, "the start's event, workflow start and summary")
	done, err := slow.handOn(t.Context(), items)
	require.NoError(t, err)

	time.Sleep(5 * time.Millisecond) // the slow relay's claim lapses
	_, err = s.NewRelay(c, c, RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
	require.Empty(t, pendingOf(t, s, "a1"), "the other relay handed the items on")
	submitA1(t, s, v)

	require.NoError(t, slow.release(t.Context(), coll, "a1", until, len(items), done))
	require.Equal(t, []string{itemEvent, itemSignal, itemSummary}, pendingOf(t, s, "a1"), "the submit's items are still there")
}

// TestFastPath_AReleaseAfterItsClaimLapsedLosesNoItemWrittenMeanwhile is the
// same for a document the fast path took at its insert.
func TestFastPath_AReleaseAfterItsClaimLapsedLosesNoItemWrittenMeanwhile(t *testing.T) {
	t.Parallel()
	s := NewStore(testkit.Mongo(t))
	require.NoError(t, s.Migrate(t.Context()))
	fp := newFastPath(time.Millisecond)
	s.fast.Store(fp)
	v := startedFor(t, s)
	h := <-fp.queue
	fp.free()
	c := &counter{}
	slow := s.NewRelay(c, c, RelayOptions{}, slog.New(slog.DiscardHandler))
	var err error
	h.done, err = slow.handOn(t.Context(), h.items)
	require.NoError(t, err)
	s.fast.Store(nil)

	time.Sleep(5 * time.Millisecond) // the insert's claim lapses
	_, err = s.NewRelay(c, c, RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
	require.Empty(t, pendingOf(t, s, "a1"))
	submitA1(t, s, v)

	slow.releaseAll(t.Context(), []handOff{h})
	require.Equal(t, []string{itemEvent, itemSignal, itemSummary}, pendingOf(t, s, "a1"), "the submit's items are still there")
}
