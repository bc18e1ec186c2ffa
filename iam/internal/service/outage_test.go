package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"

	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/testkit"
)

// TestDatabase_AConnectionTerminatedMidCallIsUnavailable: PostgreSQL ending
// the connection a call runs on (what a restart does to every connection:
// 57P01) answers codes.Unavailable with reason database-unavailable and the
// wait in retry_after_seconds, which the gateway turns into 503 with
// Retry-After; not Internal, and not Unauthenticated while the caller's
// token is checked. The next call is served on a fresh connection.
func TestDatabase_AConnectionTerminatedMidCallIsUnavailable(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.login(t, adminEmail, adminPassword)
	ctx := bearer(t.Context(), admin.GetAccessToken())
	get := &iamv1.GetUserRequest{UserId: admin.GetUser().GetId()}

	// users: the user asked for; signing_keys: the key of the caller's token.
	for _, table := range []string{"users", "signing_keys"} {
		err := terminateCallOn(t, s.cfg.Postgres.Schema, table, func() error {
			_, err := s.client.GetUser(ctx, get)
			return err
		})
		st := requireStatus(t, err, codes.Unavailable, "database-unavailable")
		var wait string
		for _, d := range st.Details() {
			if info, ok := d.(*errdetails.ErrorInfo); ok {
				wait = info.GetMetadata()["retry_after_seconds"]
			}
		}
		require.Equal(t, "5", wait, table)

		_, err = s.client.GetUser(ctx, get)
		require.NoError(t, err, "served again")
	}
}

// terminateCallOn runs call while the test's own table is locked, ends the
// server process of the connection that waits for it, and returns what
// call answered.
func terminateCallOn(t *testing.T, schema, table string, call func() error) error {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), testkit.Addresses().PostgresURL)
	require.NoError(t, err)
	defer func() { _ = conn.Close(context.WithoutCancel(t.Context())) }()
	hold, err := conn.Begin(t.Context())
	require.NoError(t, err)
	name := pgx.Identifier{schema, table}.Sanitize()
	_, err = hold.Exec(t.Context(), "LOCK TABLE "+name+" IN ACCESS EXCLUSIVE MODE")
	require.NoError(t, err)

	answered := make(chan error, 1)
	go func() { answered <- call() }()
	var pid int
	require.Eventually(t, func() bool {
		return hold.QueryRow(t.Context(), "SELECT pid FROM pg_locks WHERE relation = $1::regclass AND NOT granted", name).Scan(&pid) == nil
	}, 10*time.Second, 10*time.Millisecond, "the call waits for %s", table)
	var ok bool
	require.NoError(t, hold.QueryRow(t.Context(), "SELECT pg_terminate_backend($1, 5000)", pid).Scan(&ok))
	require.True(t, ok)
	require.NoError(t, hold.Rollback(t.Context()))
	return <-answered
}
