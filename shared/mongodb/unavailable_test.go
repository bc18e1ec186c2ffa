package mongodb_test

import (
	"errors"
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/errs"
	"lms/shared/mongodb"
)

func TestUnavailable_AServerThatIsDownIsUnavailable(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: the server is down.
	l, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	_, err = mongodb.Connect(t.Context(), mongodb.Config{URI: "mongodb://" + addr + "/?serverSelectionTimeoutMS=300", Database: "d"})
	require.Error(t, err)
	err = mongodb.Unavailable(err)
	require.ErrorIs(t, err, mongodb.ErrUnavailable)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, errs.Unavailable, e.Kind)

	other := errors.New("decode: wrong type")
	require.Equal(t, other, mongodb.Unavailable(other), "only a server out of reach is an outage")
	require.NoError(t, mongodb.Unavailable(nil))
}
