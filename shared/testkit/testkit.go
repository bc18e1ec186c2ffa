// Package testkit connects tests to the local stack's real servers and gives
// each test its own schema, database, topics or task queue, removed when the
// test ends. A server that does not answer fails the test with what to start;
// no test skips itself.
package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// Stack holds the addresses of the local stack's servers. Each can be
// overridden by the environment; the defaults match infra/stack/ports.env.
type Stack struct {
	PostgresURL     string
	KafkaBrokers    string
	MongoURI        string
	TemporalAddress string
}

// Addresses returns the stack's addresses.
func Addresses() Stack {
	return Stack{
		PostgresURL:     env("LMS_POSTGRES_URL", "postgres://lms:lms@127.0.0.1:55432/lms?sslmode=disable"),
		KafkaBrokers:    env("LMS_KAFKA_BROKERS", "127.0.0.1:59092"),
		MongoURI:        env("LMS_MONGO_URI", "mongodb://127.0.0.1:57017/"),
		TemporalAddress: env("LMS_TEMPORAL_ADDRESS", "127.0.0.1:57233"),
	}
}

// fail stops the test because a server of the stack does not answer.
func fail(t testing.TB, server, addr string, err error) {
	t.Helper()
	t.Fatalf("%s at %s does not answer (%v): start the local stack with `./task up` (servers only: `./task servers`)", server, addr, err)
}

// UniqueName returns prefix followed by a random suffix safe in schema, database,
// topic and task-queue names.
func UniqueName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + "_" + hex.EncodeToString(b)
}

// testName turns a test's name into a short lower-case fragment for names.
func testName(t testing.TB) string {
	name := strings.ToLower(t.Name())
	name = strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, name)
	if len(name) > 24 {
		name = name[:24]
	}
	return "t_" + name
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
