package k8s_test

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// addressSuffixes name the settings whose values are addresses of other
// parts of the system; listen addresses (":8080") are skipped.
var addressSuffixes = []string{"_ADDR", "_ADDRESS", "_URL", "_URI", "_BROKERS"}

// TestNetworkPolicies evaluates the rendered NetworkPolicies (and the ones
// Strimzi generates from the Kafka listener) pod to pod. What must pass is
// derived, not listed: each process reaches exactly what its configuration
// names (an address in a ConfigMap resolves through the Services to pods; a
// PostgreSQL or MongoDB URI from a Secret means that data store), every
// process reaches cluster DNS, and the ingress controller reaches the
// Ingresses' backends and the Temporal web UI. Everything else between the
// LMS's pods, the data stores, Temporal and outsiders must be refused: so only
// the gateway reaches the services (iam's gRPC port included), only iam and
// course reach PostgreSQL, only assessment reaches MongoDB, and strangers reach
// nothing.
func TestNetworkPolicies(t *testing.T) {
	t.Parallel()
	cfgs := settingsOf(t)
	each(t, func(t *testing.T, r *rendered) {
		w := newWorld(t, r)
		secrets := secretsOf(t, r)
		expected := map[string]connection{}
		expect := func(c connection) { expected[c.String()] = c }

		for _, d := range all[appsv1.Deployment](r) {
			from := w.apps[d.Name]
			env := envOf(t, r, secrets, d.Namespace, processContainer(t, d))
			require.Contains(t, cfgs, d.Name)
			for name, value := range env {
				for _, dep := range w.dependencies(t, d.Namespace, name, value) {
					expect(connection{from: from, to: dep.to, port: dep.port, protocol: corev1.ProtocolTCP})
				}
			}
			for _, dns := range w.data {
				if dns.labels["k8s-app"] == "kube-dns" {
					expect(connection{from: from, to: dns, port: 53, protocol: corev1.ProtocolUDP})
					expect(connection{from: from, to: dns, port: 53, protocol: corev1.ProtocolTCP})
				}
			}
		}
		for _, ing := range all[networkingv1.Ingress](r) {
			for _, rule := range ing.Spec.Rules {
				for _, path := range rule.HTTP.Paths {
					svc := path.Backend.Service
					address := svc.Name + "." + ing.Namespace + ":" + servicePort(t, r, ing.Namespace, svc)
					to, port := w.resolve(t, ing.Namespace, address)
					for _, e := range to {
						expect(connection{from: w.ingress, to: e, port: port, protocol: corev1.ProtocolTCP})
					}
				}
			}
		}
		if v := temporalValues(t, r.overlay); v.Web.Enabled && v.Web.Ingress.Enabled {
			for _, e := range w.data {
				if e.namespace == temporalNamespace && e.labels["app.kubernetes.io/component"] == "web" {
					expect(connection{from: w.ingress, to: e, port: e.ports["web"], protocol: corev1.ProtocolTCP})
				}
			}
		}

		for _, c := range expected {
			require.True(t, allowed(w.policies, c), "%s is needed (by the configuration or an Ingress) but the NetworkPolicies refuse it", c)
		}

		sources := append([]endpoint{}, w.outside...)
		destinations := append([]endpoint{}, w.data...)
		for _, e := range w.apps {
			sources = append(sources, e)
			destinations = append(destinations, e)
		}
		var unexpected []string
		for _, from := range sources {
			for _, to := range destinations {
				// Cluster DNS answers every pod: only the LMS's own need a policy for it.
				if from.String() == to.String() || to.namespace == "kube-system" {
					continue
				}
				for _, port := range to.ports {
					for _, protocol := range []corev1.Protocol{corev1.ProtocolTCP, corev1.ProtocolUDP} {
						c := connection{from: from, to: to, port: port, protocol: protocol}
						if _, ok := expected[c.String()]; !ok && allowed(w.policies, c) {
							unexpected = append(unexpected, c.String())
						}
					}
				}
			}
		}
		sort.Strings(unexpected)
		require.Empty(t, unexpected, "the NetworkPolicies allow connections nothing needs")
	})
}

// dependency is a pod and port a process is configured to reach.
type dependency struct {
	to   endpoint
	port int32
}

// dependencies reads one setting: an address resolves through the Services;
// a database URI taken from a Secret (its value unknown here) stands for the
// namespace's data store of that kind.
func (w *world) dependencies(t *testing.T, namespace, name, value string) []dependency {
	t.Helper()
	isAddress := false
	for _, suffix := range addressSuffixes {
		isAddress = isAddress || strings.HasSuffix(name, suffix)
	}
	if !isAddress || strings.HasPrefix(value, ":") {
		return nil
	}
	var deps []dependency
	if value == "(secret)" {
		for _, e := range w.data {
			if e.namespace != namespace {
				continue
			}
			switch {
			case strings.HasPrefix(name, "POSTGRES_") && e.labels["cnpg.io/cluster"] != "":
				deps = append(deps, dependency{e, e.ports["postgresql"]})
			case strings.HasPrefix(name, "MONGO_") && e.labels["app"] != "":
				deps = append(deps, dependency{e, e.ports["mongodb"]})
			}
		}
		require.NotEmpty(t, deps, "%s comes from a Secret, but no data store of that kind runs in %s", name, namespace)
		return deps
	}
	for _, address := range strings.Split(value, ",") {
		to, port := w.resolve(t, namespace, strings.TrimSpace(address))
		for _, e := range to {
			deps = append(deps, dependency{e, port})
		}
	}
	return deps
}

// servicePort returns the number of a Service port an Ingress backend names.
func servicePort(t *testing.T, r *rendered, namespace string, b *networkingv1.IngressServiceBackend) string {
	t.Helper()
	svc := find[corev1.Service](r, namespace, b.Name)
	require.NotNil(t, svc, "Ingress backend %s/%s is not a rendered Service", namespace, b.Name)
	for _, p := range svc.Spec.Ports {
		if (b.Port.Name != "" && p.Name == b.Port.Name) || (b.Port.Name == "" && p.Port == b.Port.Number) {
			return strconv.Itoa(int(p.Port))
		}
	}
	require.Failf(t, "no such port", "Service %s/%s has no port %v", namespace, b.Name, b.Port)
	return ""
}
