package k8s_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// secretKeys says which keys each Secret ("namespace/name") will hold once the
// overlay is applied: Secrets it renders, Secrets its operators write, and, for
// overlays that are not self-contained, the Secrets docs/deploy.md tells the
// operator of the cluster to create.
type secretKeys map[string]map[string]bool

func (s secretKeys) add(namespace, name string, keys ...string) {
	id := namespace + "/" + name
	if s[id] == nil {
		s[id] = map[string]bool{}
	}
	for _, k := range keys {
		s[id][k] = true
	}
}

// check fails unless the Secret will exist with the key.
func (s secretKeys) check(t *testing.T, who, namespace, name, key string) {
	t.Helper()
	keys, ok := s[namespace+"/"+name]
	require.True(t, ok, "%s uses Secret %s/%s, which nothing renders, no operator writes and docs/deploy.md does not list", who, namespace, name)
	require.True(t, keys[key], "%s uses key %q of Secret %s/%s, which it will not hold (keys: %v)", who, key, namespace, name, keys)
}

// Keys CloudNativePG writes to <cluster>-app for the owner of initdb's database.
var cnpgAppKeys = []string{"username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri", "pgpass"}

// Keys the MongoDB operator writes to a user's connection string Secret.
var mongoConnectionKeys = []string{"connectionString.standard", "connectionString.standardSrv", "username", "password"}

func secretsOf(t *testing.T, r *rendered) secretKeys {
	t.Helper()
	s := secretKeys{}
	for _, o := range r.objects {
		if sec, ok := o.value.(*corev1.Secret); ok {
			s.add(o.namespace, o.name)
			for k := range sec.Data {
				s.add(o.namespace, o.name, k)
			}
			for k := range sec.StringData {
				s.add(o.namespace, o.name, k)
			}
		}
	}
	for _, c := range all[PostgresCluster](r) {
		if c.Spec.Bootstrap != nil && c.Spec.Bootstrap.InitDB != nil {
			s.add(c.Namespace, c.Name+"-app", cnpgAppKeys...)
		}
	}
	for _, m := range all[MongoDBCommunity](r) {
		for _, u := range m.Spec.Users {
			name := u.ConnectionStringSecretName
			if name == "" {
				name = fmt.Sprintf("%s-%s-%s", m.Name, u.DB, u.Name)
			}
			s.add(m.Namespace, name, mongoConnectionKeys...)
		}
	}
	if !r.overlay.selfContained {
		for _, d := range documentedSecrets(t) {
			s.add(d.namespace, d.name, d.keys...)
		}
	}
	return s
}

type documentedSecret struct {
	name, namespace string
	keys            []string
}

var backticked = regexp.MustCompile("`([^`]+)`")

// documentedSecrets reads the table of docs/deploy.md whose header starts
// "| Secret | Namespace | Keys |": the Secrets a cluster must hold.
func documentedSecrets(t *testing.T) []documentedSecret {
	t.Helper()
	root, err := workspaceRoot()
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(root, "docs", "deploy.md")) //nolint:gosec // the repository's own document
	require.NoError(t, err)
	var out []documentedSecret
	inTable := false
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "| Secret | Namespace | Keys |") {
			inTable = true
			continue
		}
		if !inTable || strings.HasPrefix(line, "| ---") {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		require.GreaterOrEqual(t, len(cells), 3, "docs/deploy.md secrets table row %q", line)
		name, ns, keys := backticked.FindAllStringSubmatch(cells[0], -1), backticked.FindAllStringSubmatch(cells[1], -1), backticked.FindAllStringSubmatch(cells[2], -1)
		require.Len(t, name, 1, "row %q: one `name` in the first column", line)
		require.Len(t, ns, 1, "row %q: one `namespace` in the second column", line)
		d := documentedSecret{name: name[0][1], namespace: ns[0][1]}
		for _, k := range keys {
			d.keys = append(d.keys, k[1])
		}
		out = append(out, d)
	}
	require.NotEmpty(t, out, "docs/deploy.md has no | Secret | Namespace | Keys | table")
	return out
}

// TestEverySecretReferenceResolves follows every reference to a Secret in the
// operator resources (PostgreSQL role passwords, MongoDB user passwords, the
// Temporal UI's users) to a Secret that will hold the key.
func TestEverySecretReferenceResolves(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		secrets := secretsOf(t, r)
		for _, c := range all[PostgresCluster](r) {
			if c.Spec.Managed == nil {
				continue
			}
			for _, role := range c.Spec.Managed.Roles {
				require.NotNil(t, role.PasswordSecret, "role %s of %s has no passwordSecret", role.Name, c.Name)
				who := fmt.Sprintf("PostgreSQL role %s of %s", role.Name, c.Name)
				secrets.check(t, who, c.Namespace, role.PasswordSecret.Name, "username")
				secrets.check(t, who, c.Namespace, role.PasswordSecret.Name, "password")
			}
		}
		for _, m := range all[MongoDBCommunity](r) {
			for _, u := range m.Spec.Users {
				key := u.PasswordSecretRef.Key
				if key == "" {
					key = "password"
				}
				secrets.check(t, "MongoDB user "+u.Name, m.Namespace, u.PasswordSecretRef.Name, key)
			}
		}
		for _, mw := range all[Middleware](r) {
			if mw.Spec.BasicAuth != nil {
				secrets.check(t, "middleware "+mw.Name, mw.Namespace, mw.Spec.BasicAuth.Secret, "users")
			}
		}
	})
}
