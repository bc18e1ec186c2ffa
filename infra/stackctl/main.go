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

	"lms/shared/localstack"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "stackctl:", err)
		os.Exit(1)
	}
}

// run speaks to the servers of the stack whose ports file stack.sh names in
// LMS_STACK_PORTS (shared/localstack), so a second stack is checked on its own
// ports.
func run(ctx context.Context, args []string) error {
	ports, err := localstack.Load()
	if err != nil {
		return err
	}
	stack := ports.Addresses()
	switch {
	case len(args) == 2 && args[0] == "check" && args[1] == "kafka":
		return checkKafka(ctx, stack.KafkaBrokers)
	case len(args) == 2 && args[0] == "check" && args[1] == "mongo":
		return checkMongo(ctx, stack.MongoURI)
	case len(args) == 1 && args[0] == "topics":
		return createTopics(ctx, stack.KafkaBrokers)
	default:
		return fmt.Errorf("usage: stackctl check kafka|mongo | stackctl topics")
	}
}
