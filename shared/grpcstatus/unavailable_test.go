package grpcstatus_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"lms/shared/grpcstatus"
	"lms/shared/postgres"
	"lms/shared/problem"
)

// TestRoundTrip_ADatabaseThatIsDownReachesTheRESTClientAs503WithItsWait:
// iam's database outage crosses gRPC as Unavailable and leaves the gateway
// as 503 database-unavailable with the Retry-After iam named.
func TestRoundTrip_ADatabaseThatIsDownReachesTheRESTClientAs503WithItsWait(t *testing.T) {
	t.Parallel()
	down := postgres.ErrUnavailable.Wrap(errors.New("FATAL: terminating connection due to administrator command (SQLSTATE 57P01)"))
	sent := grpcstatus.FromError(fmt.Errorf("get user: %w", down))
	st, _ := status.FromError(sent)
	require.Equal(t, codes.Unavailable, st.Code())

	d := problem.FromError(grpcstatus.ToError(sent))
	require.Equal(t, http.StatusServiceUnavailable, d.Status)
	require.Equal(t, problem.TypePrefix+"database-unavailable", d.Type)
	require.Equal(t, 5, d.RetryAfter)
	require.NotContains(t, d.Detail, "SQLSTATE", "the cause stays in iam's log")
}
