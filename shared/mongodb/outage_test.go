package mongodb_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"lms/shared/errs"
	"lms/shared/mongodb"
	"lms/shared/testkit"
)

func requireUnavailable(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	err = mongodb.Unavailable(err)
	require.ErrorIs(t, err, mongodb.ErrUnavailable)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, errs.Unavailable, e.Kind, "a client is told to come back, not that the server broke")
}

// ownClient connects to the stack's server with a pool of one connection
// and a short wait for it, on a database of the test's own.
func ownClient(t *testing.T, uri string) *mongo.Collection {
	t.Helper()
	name := testkit.Mongo(t).Name()
	client, err := mongodb.Connect(t.Context(), mongodb.Config{URI: uri, Database: name, MaxPool: 1, Wait: 300 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(t.Context())) })
	c := client.Database(name).Collection("answers")
	_, err = c.InsertOne(t.Context(), bson.M{"_id": "a"})
	require.NoError(t, err)
	return c
}

func TestUnavailable_EveryConnectionBusyIsUnavailable(t *testing.T) {
	t.Parallel()
	c := ownClient(t, testkit.Addresses().MongoURI)
	h := testkit.HoldCollection(t, c)

	first := make(chan error, 1)
	go func() { first <- c.FindOne(context.WithoutCancel(t.Context()), bson.M{"_id": "a"}).Err() }()
	// The first find holds the pool's one connection while FerretDB waits
	// for the table; the second finds no connection free.
	h.WaitUntilHeld(t)
	err := c.FindOne(t.Context(), bson.M{"_id": "a"}).Err()
	require.ErrorAs(t, err, &topology.WaitQueueTimeoutError{}, "the driver's own checkout timeout")
	requireUnavailable(t, err)

	h.Release()
	require.NoError(t, <-first, "the held operation finishes once the server answers")
	require.NoError(t, c.FindOne(t.Context(), bson.M{"_id": "a"}).Err(), "the pool serves again")
}

func TestUnavailable_AConnectionThatBreaksIsUnavailable(t *testing.T) {
	t.Parallel()
	target, err := url.Parse(testkit.Addresses().MongoURI)
	require.NoError(t, err)
	p := startProxy(t, target.Host)
	c := ownClient(t, "mongodb://"+p.addr+"/?directConnection=true")
	h := testkit.HoldCollection(t, c)

	done := make(chan error, 1)
	go func() { done <- c.FindOne(t.Context(), bson.M{"_id": "a"}).Err() }()
	h.WaitUntilHeld(t)
	p.cut()
	err = <-done
	require.True(t, mongo.IsNetworkError(err), "the driver's own network error: %v", err)
	requireUnavailable(t, err)
}

func TestUnavailable_AServerThatDoesNotAnswerInTimeIsUnavailable(t *testing.T) {
	t.Parallel()
	c := ownClient(t, testkit.Addresses().MongoURI)
	h := testkit.HoldCollection(t, c)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	err := c.FindOne(ctx, bson.M{"_id": "a"}).Err()
	require.True(t, mongo.IsTimeout(err), "the driver's own timeout: %v", err)
	requireUnavailable(t, err)
	h.Release()
}

func TestUnavailable_LeavesTheServersRefusalsAlone(t *testing.T) {
	t.Parallel()
	c := ownClient(t, testkit.Addresses().MongoURI)
	_, err := c.InsertOne(t.Context(), bson.M{"_id": "a"})
	require.True(t, mongo.IsDuplicateKeyError(err))
	require.NotErrorIs(t, mongodb.Unavailable(err), mongodb.ErrUnavailable, "a duplicate is no outage")
}

func TestUnavailable_FerretDBsPostgreSQLGone(t *testing.T) {
	t.Parallel()
	// What FerretDB answers while the PostgreSQL under it restarts (it
	// passes the PostgreSQL error on as the text of an InternalError); a
	// test cannot make it answer so without restarting the shared server.
	for _, msg := range []string{
		"[pool.go:120 pool.(*Pool).Get] failed to connect to `user=lms database=ferretdb`: 127.0.0.1:55432 (127.0.0.1): dial error: dial tcp 127.0.0.1:55432: connect: connection refused",
		"FATAL: terminating connection due to administrator command (SQLSTATE 57P01)",
		"FATAL: the database system is starting up (SQLSTATE 57P03)",
	} {
		requireUnavailable(t, mongo.CommandError{Code: 1, Name: "InternalError", Message: msg})
	}
	other := mongo.CommandError{Code: 1, Name: "InternalError", Message: "ERROR: invalid input syntax for type json (SQLSTATE 22P02)"}
	require.NotErrorIs(t, mongodb.Unavailable(other), mongodb.ErrUnavailable, "a statement PostgreSQL refused is no outage")
	requireUnavailable(t, mongo.CommandError{Code: 91, Name: "ShutdownInProgress"})
}

// proxy forwards TCP connections to a server and can cut them all, as a
// network failure or a server that dies does.
type proxy struct {
	addr  string
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	l, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	p := &proxy{addr: l.Addr().String()}
	t.Cleanup(p.cut)
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := new(net.Dialer).DialContext(t.Context(), "tcp", target)
			if err != nil {
				_ = in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(out, in) }()
			go func() { _, _ = io.Copy(in, out) }()
		}
	}()
	return p
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}
