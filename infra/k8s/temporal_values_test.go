package k8s_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	k8sjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// The Temporal release the LMS installs (docs/deploy.md): its name decides
// the frontend's Service (temporal-frontend) and its pods' labels.
const (
	temporalRelease   = "temporal"
	temporalNamespace = "temporal"
)

// TemporalValues mirrors the part of Temporal's Helm chart values (chart 1.x,
// values.yaml of temporalio/helm-charts) that temporal/values*.yaml sets.
type TemporalValues struct {
	Server struct {
		ReplicaCount int                          `json:"replicaCount"`
		Image        HelmImage                    `json:"image"`
		Resources    *corev1.ResourceRequirements `json:"resources,omitempty"`
		Config       struct {
			LogLevel    string `json:"logLevel,omitempty"`
			Persistence struct {
				DefaultStore     string `json:"defaultStore"`
				VisibilityStore  string `json:"visibilityStore"`
				NumHistoryShards int    `json:"numHistoryShards"`
				Datastores       map[string]struct {
					SQL *TemporalSQL `json:"sql"`
				} `json:"datastores"`
			} `json:"persistence"`
			Namespaces struct {
				Create    bool `json:"create"`
				Namespace []struct {
					Name      string `json:"name"`
					Retention string `json:"retention,omitempty"`
				} `json:"namespace"`
			} `json:"namespaces"`
		} `json:"config"`
	} `json:"server"`
	Admintools struct {
		Enabled bool      `json:"enabled"`
		Image   HelmImage `json:"image"`
	} `json:"admintools"`
	Web struct {
		Enabled      bool                         `json:"enabled"`
		ReplicaCount int                          `json:"replicaCount"`
		Image        HelmImage                    `json:"image"`
		Resources    *corev1.ResourceRequirements `json:"resources,omitempty"`
		Ingress      struct {
			Enabled     bool                      `json:"enabled"`
			ClassName   string                    `json:"className"`
			Annotations map[string]string         `json:"annotations,omitempty"`
			Hosts       []string                  `json:"hosts"`
			TLS         []networkingv1.IngressTLS `json:"tls,omitempty"`
		} `json:"ingress"`
	} `json:"web"`
}

// HelmImage is the chart's image block.
type HelmImage struct {
	Repository string `json:"repository"`
	Tag        string `json:"tag"`
}

// TemporalSQL is one SQL datastore in the raw Temporal server format, plus the
// chart's createDatabase, manageSchema, existingSecret and secretKey.
type TemporalSQL struct {
	CreateDatabase  bool   `json:"createDatabase"`
	ManageSchema    bool   `json:"manageSchema"`
	PluginName      string `json:"pluginName"`
	DriverName      string `json:"driverName"`
	DatabaseName    string `json:"databaseName"`
	ConnectAddr     string `json:"connectAddr"`
	ConnectProtocol string `json:"connectProtocol"`
	User            string `json:"user"`
	ExistingSecret  string `json:"existingSecret"`
	SecretKey       string `json:"secretKey"`
	MaxConns        int    `json:"maxConns"`
	MaxIdleConns    int    `json:"maxIdleConns"`
	MaxConnLifetime string `json:"maxConnLifetime"`
	TLS             *struct {
		Enabled                bool `json:"enabled"`
		EnableHostVerification bool `json:"enableHostVerification"`
	} `json:"tls,omitempty"`
}

// temporalValues merges temporal/values.yaml with the overlay's
// values-<overlay>.yaml the way helm -f a -f b does (maps merge, everything
// else is replaced) and decodes the result strictly.
func temporalValues(t *testing.T, o overlay) *TemporalValues {
	t.Helper()
	merged := map[string]any{}
	for _, file := range []string{"values.yaml", "values-" + o.name + ".yaml"} {
		data, err := os.ReadFile(filepath.Join("temporal", file)) //nolint:gosec // the repository's own values files
		require.NoError(t, err, "every overlay needs temporal/values-%s.yaml", o.name)
		var layer map[string]any
		require.NoError(t, yaml.Unmarshal(data, &layer), file)
		merged = mergeValues(merged, layer)
	}
	raw, err := json.Marshal(merged)
	require.NoError(t, err)
	var v TemporalValues
	strict, err := k8sjson.UnmarshalStrict(raw, &v)
	require.NoError(t, err)
	require.NoError(t, errors.Join(strict...), "temporal/values*.yaml for %s", o.name)
	return &v
}

func mergeValues(base, layer map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range layer {
		if lm, ok := v.(map[string]any); ok {
			if bm, ok := out[k].(map[string]any); ok {
				out[k] = mergeValues(bm, lm)
				continue
			}
		}
		out[k] = v
	}
	return out
}
