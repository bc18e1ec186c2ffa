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

	"lms/shared/localstack"
)

// Stack holds the addresses of the local stack's servers.
type Stack = localstack.Addresses

// Addresses returns the stack's addresses as its ports file decides
// (infra/stack/ports.env, or the file LMS_STACK_PORTS names; see
// shared/localstack). LMS_POSTGRES_URL, LMS_KAFKA_BROKERS, LMS_MONGO_URI,
// LMS_TEMPORAL_ADDRESS, LMS_GATEWAY_URL, LMS_MAILPIT_SMTP and LMS_MAILPIT_URL
// override one address each, for a server outside the stack.
func Addresses() Stack {
	ports, err := localstack.Load()
	if err != nil {
		panic(err.Error())
	}
	a := ports.Addresses()
	return Stack{
		PostgresURL:     env("LMS_POSTGRES_URL", a.PostgresURL),
		KafkaBrokers:    env("LMS_KAFKA_BROKERS", a.KafkaBrokers),
		MongoURI:        env("LMS_MONGO_URI", a.MongoURI),
		TemporalAddress: env("LMS_TEMPORAL_ADDRESS", a.TemporalAddress),
		GatewayURL:      env("LMS_GATEWAY_URL", a.GatewayURL),
		MailpitSMTP:     env("LMS_MAILPIT_SMTP", a.MailpitSMTP),
		MailpitURL:      env("LMS_MAILPIT_URL", a.MailpitURL),
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
