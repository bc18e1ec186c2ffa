package postgres_test

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/errs"
	"lms/shared/postgres"
	"lms/shared/testkit"
)

func TestOpen_ADatabaseThatIsDownIsUnavailable(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: the server is down.
	l, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	_, err = postgres.Open(t.Context(), postgres.Config{URL: "postgres://lms:secret@" + addr + "/lms?sslmode=disable", Schema: "s"})
	require.ErrorIs(t, err, postgres.ErrUnavailable)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, errs.Unavailable, e.Kind, "a client is told to come back, not that the server broke")
}

func TestUnavailable_LeavesOtherErrorsAlone(t *testing.T) {
	t.Parallel()
	db := testkit.Postgres(t)
	_, err := db.ExecContext(t.Context(), "SELEC 1")
	require.Error(t, err)
	require.NotErrorIs(t, postgres.Unavailable(err), postgres.ErrUnavailable, "a bad statement is no outage")
	require.NoError(t, postgres.Unavailable(nil))
}
