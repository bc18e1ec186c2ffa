package grpcstatus_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"lms/shared/errs"
	"lms/shared/grpcstatus"
)

func TestRoundTrip_KeepsKindSlugAndFields(t *testing.T) {
	t.Parallel()
	taken := errs.New(errs.AlreadyExists, "email-taken", "that email is already registered").With("field", "email")

	wire := grpcstatus.FromError(fmt.Errorf("register: %w", taken))
	require.Equal(t, codes.AlreadyExists, status.Code(wire))

	back := grpcstatus.ToError(wire)
	require.ErrorIs(t, back, taken)
	e, ok := errs.As(back)
	require.True(t, ok)
	require.Equal(t, "email", e.Fields["field"])
	require.Equal(t, "that email is already registered", e.Message)
}

func TestFromError_HidesInternalCauses(t *testing.T) {
	t.Parallel()
	wire := grpcstatus.FromError(errors.New("pq: relation users does not exist"))
	st, _ := status.FromError(wire)
	require.Equal(t, codes.Internal, st.Code())
	require.Equal(t, "internal error", st.Message())
	require.Equal(t, errs.Internal, errs.KindOf(grpcstatus.ToError(wire)))
}

// TestFromError_ACallerWhoLeftIsNotAnInternalError: work a caller gave up
// on ends as Canceled or DeadlineExceeded, not as an internal error in the
// logs; a classified error that wraps a deadline keeps its own kind.
func TestFromError_ACallerWhoLeftIsNotAnInternalError(t *testing.T) {
	t.Parallel()
	for cause, code := range map[error]codes.Code{context.Canceled: codes.Canceled, context.DeadlineExceeded: codes.DeadlineExceeded} {
		st, _ := status.FromError(grpcstatus.FromError(errs.Internalf("check password: %w", cause)))
		require.Equal(t, code, st.Code(), "%v", cause)
	}
	busy := errs.New(errs.Unavailable, "database-unavailable", "the database is unavailable")
	st, _ := status.FromError(grpcstatus.FromError(fmt.Errorf("%w: %w", busy, context.DeadlineExceeded)))
	require.Equal(t, codes.Unavailable, st.Code())
}

func TestToError_MapsPlainStatusCodes(t *testing.T) {
	t.Parallel()
	err := grpcstatus.ToError(status.Error(codes.Unavailable, "connection refused"))
	require.Equal(t, errs.Unavailable, errs.KindOf(err))
	e, _ := errs.As(err)
	require.Equal(t, "upstream-unavailable", e.Slug)
}
