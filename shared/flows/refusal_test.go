package flows_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"lms/shared/errs"
	"lms/shared/flows"
)

func TestRefuse(t *testing.T) {
	t.Parallel()
	full := errs.New(errs.FailedPrecondition, "enrollment-window-closed", "the enrollment window is closed")

	var app *temporal.ApplicationError
	err := flows.Refuse(fmt.Errorf("reserve: %w", full))
	require.ErrorAs(t, err, &app, "a business refusal is an application error")
	require.True(t, app.NonRetryable(), "retrying a refusal changes nothing")
	require.Equal(t, flows.ErrTypeRefused, app.Type())
	var r flows.Refusal
	require.NoError(t, app.Details(&r))
	require.Equal(t, flows.Refusal{Slug: "enrollment-window-closed", Message: "the enrollment window is closed"}, r)

	moved := errs.New(errs.FailedPrecondition, flows.SlugDeadlineMoved, "moved").With("deadline", "2030-03-01T10:00:00Z")
	require.ErrorAs(t, flows.Refuse(moved), &app)
	r = flows.Refusal{}
	require.NoError(t, app.Details(&r))
	require.Equal(t, map[string]string{"deadline": "2030-03-01T10:00:00Z"}, r.Fields, "the fields travel with the refusal")

	down := errors.New("dial tcp: connection refused")
	require.Equal(t, down, flows.Refuse(down), "an outage stays retryable")
	busy := errs.New(errs.Unavailable, "database-unavailable", "down")
	require.Equal(t, error(busy), flows.Refuse(busy), "an unavailable store stays retryable")
	require.NoError(t, flows.Refuse(nil))
}
