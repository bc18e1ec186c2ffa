package mongo_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/events"
	"lms/shared/flows"
)

// grant sets s1's terms at t1 through the repository, naming an extension
// of a1 to deadline when it is not zero.
func grant(t *testing.T, s *mongo.Store, terms accommodation.Terms, reason string, deadline time.Time) {
	t.Helper()
	err := s.Accommodations().Update(t.Context(), accommodation.Key{TestID: "t1", CourseID: "c1", StudentID: "s1"},
		func(a *accommodation.Accommodation) ([]accommodation.Extension, error) {
			changed, err := a.Grant(terms, "teacher", reason, apptest.T0.Add(time.Minute))
			if err != nil || !changed || deadline.IsZero() {
				return nil, err
			}
			return []accommodation.Extension{{AttemptID: "a1", Deadline: deadline}}, nil
		})
	require.NoError(t, err)
}

// The change, its event and the extension are one write: nothing reaches the
// attempt or its workflow until the relay hands them on, so a process that
// dies right after the write loses nothing (the next relay does it).
func TestAccommodations_ChangeAndItsExtensionAreOneWriteTheRelayHandsOn(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	startedAttempt(t, s) // a timed hour from T0
	later := apptest.T0.Add(time.Hour + 30*time.Minute)
	terms := accommodation.Terms{TimeFactor: 1.5}

	grant(t, s, terms, "documented accommodation", later)
	grant(t, s, terms, "pressed twice", later)

	a, err := s.Accommodations().Get(t.Context(), "t1", "s1")
	require.NoError(t, err)
	require.Equal(t, terms, a.Terms())
	require.Len(t, a.Changes(), 1, "the same terms twice are one change")
	require.Equal(t, accommodation.Change{Terms: terms, By: "teacher", At: apptest.T0.Add(time.Minute), Reason: "documented accommodation"}, a.Changes()[0])
	before, err := s.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Equal(t, apptest.T0.Add(time.Hour), before.Deadline(), "not moved before the relay runs")

	rec := &recorder{}
	relay := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
	_, err = relay.Drain(t.Context())
	require.NoError(t, err)
	require.Contains(t, rec.seen(), "event "+events.TypeAccommodationChanged)
	require.Contains(t, rec.seen(), "signal attempt-a1 "+flows.SignalDeadlineExtended+" "+later.Format(time.RFC3339))
	require.Len(t, rec.seen(), 1+1+2, "one change event, one signal, and the attempt's own start items")
	after, err := s.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Equal(t, later, after.Deadline())

	list, err := s.Accommodations().ListByTest(t.Context(), "t1")
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, "s1", list[0].StudentID())
}

func TestAccommodations_AnExtensionNeverMovesADeadlineEarlierNorReopensASubmission(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	v := startedAttempt(t, s)
	require.NoError(t, s.Attempts().ExtendDeadline(t.Context(), "a1", apptest.T0.Add(30*time.Minute)))
	a, err := s.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Equal(t, apptest.T0.Add(time.Hour), a.Deadline(), "an earlier deadline changes nothing")

	submit(t, s, v)
	require.NoError(t, s.Attempts().ExtendDeadline(t.Context(), "a1", apptest.T0.Add(2*time.Hour)))
	a, err = s.Attempts().Get(t.Context(), "a1")
	require.NoError(t, err)
	require.Equal(t, attempt.StateSubmitted, a.State())
	require.Equal(t, apptest.T0.Add(time.Hour), a.Deadline(), "a submitted attempt keeps its deadline")
}
