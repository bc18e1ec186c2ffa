package grpc_test

import (
	"bytes"
	"log/slog"
	"net"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"lms/iam/internal/app"
	iamgrpc "lms/iam/internal/transport/grpc"
	iamv1 "lms/shared/gen/iam/v1"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestInterceptors_RecoverPanicsAndLogNoSecrets(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	// An application without use cases: every call panics on a nil handler.
	srv := grpc.NewServer(iamgrpc.ServerOptions(log)...)
	iamv1.RegisterIAMServiceServer(srv, iamgrpc.NewServer(app.Application{}))
	ln, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	client := iamv1.NewIAMServiceClient(conn)

	for range 2 {
		_, err = client.Login(t.Context(), &iamv1.LoginRequest{Email: "ann@example.com", Password: "secret-password-xyz"})
		st, _ := status.FromError(err)
		require.Equal(t, codes.Internal, st.Code(), "a panic is an internal error, and the server lives on")
		require.Equal(t, "internal error", st.Message())
	}
	out := logs.String()
	require.Contains(t, out, "panic in gRPC handler")
	require.Contains(t, out, "method=/iam.v1.IAMService/Login")
	require.Contains(t, out, "code=Internal")
	require.NotContains(t, out, "secret-password-xyz")
	require.NotContains(t, out, "ann@example.com")
}
