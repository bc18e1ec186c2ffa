// Command ferretdb runs an embedded FerretDB v1 server: the MongoDB wire protocol
// over the local stack's PostgreSQL. The upstream ferretdb command cannot start
// from a module build (it panics on a missing version file), so the stack embeds
// the library instead.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:57017", "TCP address to serve the MongoDB wire protocol on")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL of the backing database")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *pgURL == "" {
		logger.Error("flag -postgresql-url is required")
		os.Exit(2)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		logger.Error("configure ferretdb", "err", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("ferretdb listening", "addr", *listen, "uri", f.MongoDBURI())
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		logger.Error("ferretdb stopped", "err", err)
		os.Exit(1)
	}
}
