package grpcstatus_test

import (
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

func TestToError_MapsPlainStatusCodes(t *testing.T) {
	t.Parallel()
	err := grpcstatus.ToError(status.Error(codes.Unavailable, "connection refused"))
	require.Equal(t, errs.Unavailable, errs.KindOf(err))
	e, _ := errs.As(err)
	require.Equal(t, "upstream-unavailable", e.Slug)
}
