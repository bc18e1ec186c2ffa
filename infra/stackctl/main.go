// Command stackctl speaks each local-stack server's own protocol for the stack
// scripts: it checks that a server answers a real request and creates the
// LMS's Kafka topics.
//
//	stackctl check kafka|mongo
//	stackctl topics
package main

import (
	"context"
	"fmt"
	"os"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "stackctl:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	switch {
	case len(args) == 2 && args[0] == "check" && args[1] == "kafka":
		return checkKafka(ctx, env("LMS_KAFKA_BROKERS", "127.0.0.1:59092"))
	case len(args) == 2 && args[0] == "check" && args[1] == "mongo":
		return checkMongo(ctx, env("LMS_MONGO_URI", "mongodb://127.0.0.1:57017/"))
	case len(args) == 1 && args[0] == "topics":
		return createTopics(ctx, env("LMS_KAFKA_BROKERS", "127.0.0.1:59092"))
	default:
		return fmt.Errorf("usage: stackctl check kafka|mongo | stackctl topics")
	}
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
