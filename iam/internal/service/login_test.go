package service_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	iamv1 "lms/shared/gen/iam/v1"
)

func TestLogin_DoesNotRevealWhetherAnEmailExists(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	ctx := t.Context()
	s.register(t, "ann@example.com", "ann-password-123")

	_, wrongPassword := s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: "not-her-password", ClientAddress: "192.0.2.1"})
	_, unknownEmail := s.client.Login(ctx, &iamv1.LoginRequest{Email: "nobody@example.com", Password: "not-her-password", ClientAddress: "192.0.2.2"})
	a := requireStatus(t, wrongPassword, codes.Unauthenticated, "invalid-credentials")
	b := requireStatus(t, unknownEmail, codes.Unauthenticated, "invalid-credentials")
	require.Equal(t, a.Proto(), b.Proto(), "the two answers are identical, details included")

	// Registering a taken email answers exactly like a new one, and leaves the
	// existing account (and its password) alone.
	taken, err := s.client.Register(ctx, &iamv1.RegisterRequest{Email: "ANN@example.com", DisplayName: "Mallory", Password: "mallory-password"})
	require.NoError(t, err)
	fresh, err := s.client.Register(ctx, &iamv1.RegisterRequest{Email: "bob@example.com", DisplayName: "Bob", Password: "bob-password-123"})
	require.NoError(t, err)
	require.Equal(t, fresh.String(), taken.String())
	_, err = s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: "mallory-password"})
	requireStatus(t, err, codes.Unauthenticated, "invalid-credentials")
	require.Equal(t, "Test User", s.login(t, "ann@example.com", "ann-password-123").GetUser().GetDisplayName())
}

func TestRegister_RejectsInvalidInput(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	for name, req := range map[string]*iamv1.RegisterRequest{
		"short password": {Email: "ann@example.com", DisplayName: "Ann", Password: "short"},
		"bad email":      {Email: "ann", DisplayName: "Ann", Password: "ann-password-123"},
		"no name":        {Email: "ann@example.com", DisplayName: " ", Password: "ann-password-123"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.client.Register(t.Context(), req)
			requireStatus(t, err, codes.InvalidArgument, "")
		})
	}
}

func retryAfter(t *testing.T, err error) string {
	t.Helper()
	st := requireStatus(t, err, codes.ResourceExhausted, "login-throttled")
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info.GetMetadata()["retry_after_seconds"]
		}
	}
	return ""
}

func TestLogin_ThrottlesPerAccount(t *testing.T) {
	t.Parallel()
	s := startIAM(t) // 3 failures per account, 15-minute lock-out
	ctx := t.Context()
	s.register(t, "ann@example.com", "ann-password-123")
	attempt := func(password, addr string) error {
		_, err := s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: password, ClientAddress: addr})
		return err
	}
	for i := range 3 {
		// Each guess from another address: the account's own limit applies.
		requireStatus(t, attempt("wrong-password", fmt.Sprintf("192.0.2.%d", i+1)), codes.Unauthenticated, "invalid-credentials")
	}
	require.Equal(t, "900", retryAfter(t, attempt("ann-password-123", "203.0.113.9")), "locked even for the right password")

	s.clock.Advance(15*time.Minute - time.Second)
	require.Equal(t, "1", retryAfter(t, attempt("ann-password-123", "203.0.113.9")))
	s.clock.Advance(time.Second)
	require.NoError(t, attempt("ann-password-123", "203.0.113.9"), "unlocked when the lock-out ends")

	// A success forgives earlier failures of the account.
	requireStatus(t, attempt("wrong-password", "203.0.113.9"), codes.Unauthenticated, "invalid-credentials")
	requireStatus(t, attempt("wrong-password", "203.0.113.9"), codes.Unauthenticated, "invalid-credentials")
	require.NoError(t, attempt("ann-password-123", "203.0.113.9"))
	requireStatus(t, attempt("wrong-password", "203.0.113.9"), codes.Unauthenticated, "invalid-credentials")
	require.NoError(t, attempt("ann-password-123", "203.0.113.9"))
}

func TestLogin_ThrottlesPerAddress(t *testing.T) {
	t.Parallel()
	s := startIAM(t) // 6 failures per address
	ctx := t.Context()
	s.register(t, "ann@example.com", "ann-password-123")
	// Password spraying: one guess per account, many accounts, one address.
	for i := range 6 {
		_, err := s.client.Login(ctx, &iamv1.LoginRequest{Email: fmt.Sprintf("user%d@example.com", i), Password: "Summer2026!!", ClientAddress: fmt.Sprintf("2001:db8:1:2::%d", i+1)})
		requireStatus(t, err, codes.Unauthenticated, "invalid-credentials")
	}
	_, err := s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: "ann-password-123", ClientAddress: "2001:db8:1:2::99"})
	require.Equal(t, "900", retryAfter(t, err), "the whole /64 is locked")

	_, err = s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: "ann-password-123", ClientAddress: "198.51.100.1"})
	require.NoError(t, err, "other addresses are not affected")

	s.clock.Advance(15 * time.Minute)
	_, err = s.client.Login(ctx, &iamv1.LoginRequest{Email: "ann@example.com", Password: "ann-password-123", ClientAddress: "2001:db8:1:2::99"})
	require.NoError(t, err)
}

func TestLogin_ThrottleErrorsLookAliveForUnknownEmails(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	ctx := t.Context()
	for range 3 {
		_, err := s.client.Login(ctx, &iamv1.LoginRequest{Email: "ghost@example.com", Password: "whatever-password", ClientAddress: "192.0.2.50"})
		requireStatus(t, err, codes.Unauthenticated, "invalid-credentials")
	}
	_, err := s.client.Login(ctx, &iamv1.LoginRequest{Email: "ghost@example.com", Password: "whatever-password", ClientAddress: "192.0.2.51"})
	st, _ := status.FromError(err)
	require.Equal(t, codes.ResourceExhausted, st.Code(), "unknown accounts lock out like real ones")
}
