// Package serve runs a process's HTTP servers until its context ends, then
// shuts them down gracefully.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"lms/shared/telemetry"
)

// ShutdownGrace is how long in-flight requests get after the context ends.
const ShutdownGrace = 10 * time.Second

// HTTP listens on srv.Addr and serves until ctx ends or the server fails.
func HTTP(ctx context.Context, log *slog.Logger, name string, srv *http.Server) error {
	ln, err := new(net.ListenConfig).Listen(ctx, "tcp", srv.Addr)
	if err != nil {
		return fmt.Errorf("%s: listen on %s: %w", name, srv.Addr, err)
	}
	log.Info("listening", "server", name, "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("%s: %w", name, err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("%s: shutdown: %w", name, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// NewHTTPServer returns a server with the timeouts every LMS endpoint needs, so
// a slow client cannot hold a connection open forever. With tracing on
// (package telemetry), every request is a span continuing its caller's trace.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           telemetry.HTTPHandler(h),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
}
