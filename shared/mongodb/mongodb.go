// Package mongodb connects to MongoDB (FerretDB in the local stack) with the
// official driver.
package mongodb

import (
	"context"
	"fmt"
	"math"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Config locates a service's database.
type Config struct {
	URI      string `env:"MONGO_URI,required"`
	Database string `env:"MONGO_DATABASE,required"`
	// MaxPool bounds the client's connections, so its concurrent operations.
	// On FerretDB the sum over every client must stay below FerretDB's own
	// pool of PostgreSQL connections (infra/stack/ferretdb.sh says why).
	MaxPool uint64 `env:"MONGO_MAX_POOL" envDefault:"100"`
	// Wait bounds how long an operation waits for a server to talk to and
	// then for a free connection of the pool (the driver's server selection
	// timeout bounds both). Past it the operation fails as ErrUnavailable:
	// with every connection busy, a request is told 503 and to come back
	// rather than queueing behind a slow server. Zero means DefaultWait; a
	// serverSelectionTimeoutMS in the URI wins.
	Wait time.Duration `env:"MONGO_WAIT" envDefault:"2s"`
}

// Connections answers MaxPool as a count of connections, for what must stay
// below it, such as the activities run at once; 0 when MaxPool is unset (the
// driver's own bound applies then, and nothing is derived from it).
func (c Config) Connections() int {
	if c.MaxPool > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(c.MaxPool)
}

// DefaultWait is the wait for a server and a connection when Config.Wait is
// zero.
const DefaultWait = 2 * time.Second

// Connect returns a client for cfg.URI after a successful ping.
func Connect(ctx context.Context, cfg Config) (*mongo.Client, error) {
	wait := cfg.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	opts := options.Client().ApplyURI(cfg.URI)
	if opts.ServerSelectionTimeout == nil {
		opts.SetServerSelectionTimeout(wait)
	}
	if cfg.MaxPool > 0 {
		opts.SetMaxPoolSize(cfg.MaxPool)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("connect mongo: %w", Unavailable(err))
	}
	if err := Ping(ctx, client); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	return client, nil
}

// Ping asks the server to answer, for readiness checks.
func Ping(ctx context.Context, client *mongo.Client) error {
	if err := client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("mongo: %w", Unavailable(err))
	}
	return nil
}
