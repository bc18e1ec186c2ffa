package localstack_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
)

func TestTheDefaultFileIsFoundFromAnyFolderOfTheRepository(t *testing.T) {
	t.Setenv("LMS_STACK_PORTS", "")
	p, err := localstack.Load()
	require.NoError(t, err)
	require.True(t, strings.HasSuffix(filepath.ToSlash(p.File), "/infra/stack/ports.env"), p.File)
	require.NotEmpty(t, p.Get("GATEWAY_PORT"), "the default file names the gateway's port")
	require.Equal(t, "http://127.0.0.1:"+p.Get("GATEWAY_PORT"), p.Addresses().GatewayURL)
}

func TestASecondStacksFileMovesEveryAddress(t *testing.T) {
	f := filepath.Join(t.TempDir(), "ports.env")
	require.NoError(t, os.WriteFile(f, []byte("# a second stack\nPG_PORT=1\nKAFKA_PORT=2\n\nFERRETDB_PORT=3\nTEMPORAL_PORT=4\nGATEWAY_PORT=\"5\"\nMAILPIT_SMTP_PORT=6\nMAILPIT_UI_PORT=7\n"), 0o600))
	t.Setenv("LMS_STACK_PORTS", f)
	p, err := localstack.Load()
	require.NoError(t, err)
	//nolint:gosec // the local stack's fixed role in a URL, not a secret
	require.Equal(t, localstack.Addresses{
		PostgresURL:     "postgres://lms:lms@127.0.0.1:1/lms?sslmode=disable",
		KafkaBrokers:    "127.0.0.1:2",
		MongoURI:        "mongodb://127.0.0.1:3/",
		TemporalAddress: "127.0.0.1:4",
		GatewayURL:      "http://127.0.0.1:5",
		MailpitSMTP:     "127.0.0.1:6",
		MailpitURL:      "http://127.0.0.1:7",
	}, p.Addresses())
}

func TestARelativeFileIsTakenFromTheRepositorysRoot(t *testing.T) {
	t.Setenv("LMS_STACK_PORTS", "infra/stack/ports.second.env")
	p, err := localstack.Load()
	require.NoError(t, err)
	require.Equal(t, "second", p.Get("STACK_NAME"))
	def, err := localstack.Read(filepath.Join(filepath.Dir(p.File), "ports.env"))
	require.NoError(t, err)
	for _, name := range def.Names() {
		require.NotEmpty(t, p.Get(name), "ports.second.env must set %s as ports.env does", name)
		require.NotEqual(t, def.Get(name), p.Get(name), "%s: the second stack listens elsewhere", name)
	}
}

func TestAMalformedLineIsRefusedWithItsNumber(t *testing.T) {
	f := filepath.Join(t.TempDir(), "ports.env")
	require.NoError(t, os.WriteFile(f, []byte("PG_PORT=1\nnot a setting\n"), 0o600))
	_, err := localstack.Read(f)
	require.ErrorContains(t, err, ":2: want KEY=VALUE")
}
