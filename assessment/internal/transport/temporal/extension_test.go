package temporal_test

import (
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	sdktemporal "go.temporal.io/sdk/temporal"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/assessment/internal/transport/temporal"
	"lms/shared/flows"
)

// A workflow whose timer fired at the old deadline before the extension's
// signal came is refused: the attempt stays open to its stored deadline,
// and the refusal is a business one the workflow does not retry.
func TestActivities_SubmissionAtADeadlineThatMovedIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.attemptAt(t, exam.Question{ID: "q1", Kind: exam.TrueFalse, Prompt: "Yes?", Points: 1, Truth: true})
	later := a.Deadline().Add(10 * time.Minute)
	require.NoError(t, f.store.Attempts().ExtendDeadline(t.Context(), a.ID(), later))
	acts := temporal.NewActivities(f.app, slog.New(slog.DiscardHandler))

	err := acts.SubmitAttempt(t.Context(), flows.SubmitInput{AttemptID: a.ID(), SubmittedBy: flows.SubmittedByDeadline, Deadline: a.Deadline()})
	var appErr *sdktemporal.ApplicationError
	require.True(t, errors.As(err, &appErr), "%v", err)
	require.Equal(t, flows.ErrTypeRefused, appErr.Type())
	require.True(t, appErr.NonRetryable())
	var r flows.Refusal
	require.NoError(t, appErr.Details(&r))
	require.Equal(t, flows.SlugDeadlineMoved, r.Slug)
	stored, err := f.store.Attempts().Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, attempt.StateInProgress, stored.State())

	require.NoError(t, acts.SubmitAttempt(t.Context(), flows.SubmitInput{AttemptID: a.ID(), SubmittedBy: flows.SubmittedByStudent}),
		"her own submission is never refused for it")
}
