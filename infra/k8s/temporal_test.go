package k8s_test

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// TestTemporalValues checks temporal/values*.yaml, merged per overlay as helm
// does, against the rendered manifests: pinned images, persistence on a
// rendered CloudNativePG cluster and database with a password Secret that
// will exist, the namespace every process uses created, and the web UI behind
// the ingress with TLS and the basic-auth middleware.
func TestTemporalValues(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		v := temporalValues(t, r.overlay)
		require.NotNil(t, find[corev1.Namespace](r, "", temporalNamespace), "the overlay must create the %s namespace", temporalNamespace)
		for who, img := range map[string]HelmImage{"server": v.Server.Image, "admintools": v.Admintools.Image, "web": v.Web.Image} {
			requirePinned(t, "Temporal "+who, img.Repository+":"+img.Tag, true)
		}
		requireResources(t, "Temporal server", ptrValue(v.Server.Resources))
		requireResources(t, "Temporal web", ptrValue(v.Web.Resources))
		if r.overlay.minDataReplicas > 1 {
			require.GreaterOrEqual(t, v.Server.ReplicaCount, 2, "Temporal services must survive a node's loss")
		}

		p := v.Server.Config.Persistence
		require.Positive(t, p.NumHistoryShards)
		secrets := secretsOf(t, r)
		for _, store := range []string{p.DefaultStore, p.VisibilityStore} {
			ds, ok := p.Datastores[store]
			require.True(t, ok && ds.SQL != nil, "datastore %q is not defined", store)
			requireTemporalSQL(t, r, secrets, store, ds.SQL)
		}

		created := map[string]bool{}
		require.True(t, v.Server.Config.Namespaces.Create, "the chart must create the LMS's namespace")
		for _, ns := range v.Server.Config.Namespaces.Namespace {
			created[ns.Name] = true
		}
		for _, d := range all[appsv1.Deployment](r) {
			env := envOf(t, r, secrets, d.Namespace, processContainer(t, d))
			if addr, ok := env["TEMPORAL_ADDRESS"]; ok {
				require.Equal(t, fmt.Sprintf("%s-frontend.%s.svc:7233", temporalRelease, temporalNamespace), addr, "%s: TEMPORAL_ADDRESS", d.Name)
				require.True(t, created[env["TEMPORAL_NAMESPACE"]], "%s uses Temporal namespace %q, which the chart does not create", d.Name, env["TEMPORAL_NAMESPACE"])
			}
		}

		ing := v.Web.Ingress
		require.True(t, v.Web.Enabled && ing.Enabled, "the web UI is served behind the ingress")
		requireTLSIngress(t, r, "temporal-web", &ing.ClassName, ing.Annotations, ing.Hosts, ing.TLS)
		authenticated := false
		for _, ref := range strings.Split(ing.Annotations["traefik.ingress.kubernetes.io/router.middlewares"], ",") {
			for _, mw := range all[Middleware](r) {
				// Traefik names a Kubernetes CRD middleware <namespace>-<name>@kubernetescrd.
				if strings.TrimSpace(ref) == mw.Namespace+"-"+mw.Name+"@kubernetescrd" && mw.Spec.BasicAuth != nil {
					authenticated = true
				}
			}
		}
		require.True(t, authenticated, "the Temporal web UI must sit behind a rendered basic-auth Middleware (router.middlewares)")
	})
}

// requireTemporalSQL checks one datastore against the rendered PostgreSQL.
func requireTemporalSQL(t *testing.T, r *rendered, secrets secretKeys, store string, sql *TemporalSQL) {
	t.Helper()
	require.Equal(t, "postgres12", sql.PluginName, store)
	require.False(t, sql.CreateDatabase, "%s: CloudNativePG creates the database", store)
	require.True(t, sql.ManageSchema, "%s: the chart's jobs create and upgrade the schema", store)
	host, port, err := net.SplitHostPort(sql.ConnectAddr)
	require.NoError(t, err)
	require.Equal(t, "5432", port)
	name, rest, _ := strings.Cut(host, ".")
	ns, _, _ := strings.Cut(rest, ".")
	cluster := find[PostgresCluster](r, ns, strings.TrimSuffix(name, "-rw"))
	require.True(t, strings.HasSuffix(name, "-rw") && cluster != nil, "%s: connectAddr %s is not the read-write Service of a rendered CloudNativePG cluster", store, sql.ConnectAddr)
	owner := ""
	if init := cluster.Spec.Bootstrap.InitDB; init != nil && init.Database == sql.DatabaseName {
		owner = init.Owner
	}
	for _, db := range all[PostgresDatabase](r) {
		if db.Namespace == ns && db.Spec.Cluster.Name == cluster.Name && db.Spec.Name == sql.DatabaseName && db.Spec.Ensure != "absent" {
			owner = db.Spec.Owner
		}
	}
	require.NotEmpty(t, owner, "%s: database %s is created neither by %s's initdb nor by a Database resource", store, sql.DatabaseName, cluster.Name)
	require.Equal(t, owner, sql.User, "%s: connect as the database's owner", store)
	secrets.check(t, "Temporal datastore "+store, ns, sql.ExistingSecret, sql.SecretKey)
}
