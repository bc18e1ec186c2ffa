// Package localstack reads the local stack's ports file, the one place that
// decides where each server and service of the stack listens:
// infra/stack/ports.env, or the file LMS_STACK_PORTS names (a second stack
// beside a working one). The stack's scripts, the tests and the tools all read
// it, so a second stack needs one file and nothing else.
package localstack

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultFile is the ports file of the default stack, relative to the
// repository's root.
const DefaultFile = "infra/stack/ports.env"

// Ports holds the variables of a ports file, such as GATEWAY_PORT.
type Ports struct {
	File string
	vars map[string]string
}

// Load reads the ports file LMS_STACK_PORTS names or, when it is unset, the
// default one, found by walking up from the working directory.
// A relative LMS_STACK_PORTS is taken from the repository's root, so
// `LMS_STACK_PORTS=infra/stack/ports.second.env ./task test` reaches every
// package's tests.
func Load() (Ports, error) {
	f := os.Getenv("LMS_STACK_PORTS")
	if filepath.IsAbs(f) {
		return Read(f)
	}
	root, err := repositoryRoot()
	if err != nil {
		return Ports{}, err
	}
	if f == "" {
		f = DefaultFile
	}
	return Read(filepath.Join(root, f))
}

// repositoryRoot walks up from the working directory to the folder holding
// the default ports file.
func repositoryRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, DefaultFile)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("localstack: no " + DefaultFile + " above the working directory; set LMS_STACK_PORTS to the stack's ports file")
		}
		dir = parent
	}
}

// Read parses a ports file: KEY=VALUE lines, # comments and blank lines.
func Read(file string) (Ports, error) {
	f, err := os.Open(file) //nolint:gosec // the stack's own ports file, named by its operator
	if err != nil {
		return Ports{}, fmt.Errorf("localstack: %w", err)
	}
	defer func() { _ = f.Close() }()
	vars := map[string]string{}
	scan := bufio.NewScanner(f)
	for n := 1; scan.Scan(); n++ {
		line := strings.TrimSpace(scan.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || key == "" {
			return Ports{}, fmt.Errorf("localstack: %s:%d: want KEY=VALUE, got %q", file, n, line)
		}
		vars[strings.TrimSpace(key)] = strings.Trim(strings.TrimSpace(value), `"'`)
	}
	if err := scan.Err(); err != nil {
		return Ports{}, fmt.Errorf("localstack: %s: %w", file, err)
	}
	return Ports{File: file, vars: vars}, nil
}

// Get returns a variable of the file, such as "GATEWAY_PORT", or "" when the
// file does not set it.
func (p Ports) Get(name string) string { return p.vars[name] }

// Names returns the variables the file sets, sorted.
func (p Ports) Names() []string {
	names := make([]string, 0, len(p.vars))
	for name := range p.vars {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Addr returns the loopback address of the port variable name, such as
// "127.0.0.1:58080" for "GATEWAY_PORT".
func (p Ports) Addr(name string) string { return "127.0.0.1:" + p.vars[name] }

// URL returns the http:// base URL of the port variable name.
func (p Ports) URL(name string) string { return "http://" + p.Addr(name) }

// Addresses are the clients' view of the stack's servers, as the tests and
// tools use them.
type Addresses struct {
	PostgresURL     string
	KafkaBrokers    string
	MongoURI        string
	TemporalAddress string
	GatewayURL      string
	// MailpitSMTP is Mailpit's SMTP address; MailpitURL its web UI and API.
	MailpitSMTP string
	MailpitURL  string
}

// Addresses returns the servers' addresses that follow from the file.
func (p Ports) Addresses() Addresses {
	return Addresses{
		PostgresURL:     "postgres://lms:lms@" + p.Addr("PG_PORT") + "/lms?sslmode=disable",
		KafkaBrokers:    p.Addr("KAFKA_PORT"),
		MongoURI:        "mongodb://" + p.Addr("FERRETDB_PORT") + "/",
		TemporalAddress: p.Addr("TEMPORAL_PORT"),
		GatewayURL:      p.URL("GATEWAY_PORT"),
		MailpitSMTP:     p.Addr("MAILPIT_SMTP_PORT"),
		MailpitURL:      p.URL("MAILPIT_UI_PORT"),
	}
}
