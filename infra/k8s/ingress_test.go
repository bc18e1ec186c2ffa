package k8s_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	networkingv1 "k8s.io/api/networking/v1"
)

// internalPaths are the gateway's operational endpoints: never on the internet.
var internalPaths = []string{"/healthz", "/readyz", "/metrics"}

// TestGatewayIngress checks the public face: the gateway behind an Ingress of
// the cluster's ingress class, every host with a certificate from a rendered
// cert-manager issuer, and no operational endpoint exposed.
func TestGatewayIngress(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		routesGateway := false
		for _, ing := range all[networkingv1.Ingress](r) {
			requireTLSIngress(t, r, ing.Name, ing.Spec.IngressClassName, ing.Annotations, hostsOf(ing), ing.Spec.TLS)
			for _, rule := range ing.Spec.Rules {
				for _, p := range rule.HTTP.Paths {
					routesGateway = routesGateway || p.Backend.Service.Name == "gateway"
					for _, internal := range internalPaths {
						exposed := p.Path == internal || (p.PathType != nil && *p.PathType == networkingv1.PathTypePrefix && pathPrefixCovers(p.Path, internal))
						require.False(t, exposed, "Ingress %s path %s exposes %s", ing.Name, p.Path, internal)
					}
				}
			}
		}
		require.True(t, routesGateway, "no Ingress routes to the gateway")
	})
}

// requireTLSIngress checks an ingress (a rendered one or the Temporal chart's):
// Traefik's class, TLS on the websecure entry point, a certificate for every
// host from a cert-manager ClusterIssuer that the overlay renders.
func requireTLSIngress(t *testing.T, r *rendered, name string, class *string, annotations map[string]string, hosts []string, tls []networkingv1.IngressTLS) {
	t.Helper()
	require.Equal(t, "traefik", ptrValue(class), "Ingress %s: ingress class", name)
	require.Equal(t, "websecure", annotations["traefik.ingress.kubernetes.io/router.entrypoints"], "Ingress %s: HTTPS only", name)
	require.Equal(t, "true", annotations["traefik.ingress.kubernetes.io/router.tls"], "Ingress %s: TLS", name)
	issuer := annotations["cert-manager.io/cluster-issuer"]
	require.NotNil(t, find[ClusterIssuer](r, "", issuer), "Ingress %s: cert-manager ClusterIssuer %q is not rendered", name, issuer)
	require.NotEmpty(t, hosts, "Ingress %s: name its host", name)
	for _, h := range hosts {
		covered := false
		for _, entry := range tls {
			covered = covered || (entry.SecretName != "" && slices.Contains(entry.Hosts, h))
		}
		require.True(t, covered, "Ingress %s: host %s has no TLS certificate", name, h)
	}
}

func hostsOf(ing *networkingv1.Ingress) []string {
	var hosts []string
	for _, rule := range ing.Spec.Rules {
		hosts = append(hosts, rule.Host)
	}
	return hosts
}

// pathPrefixCovers reports whether an Ingress Prefix path matches p, element
// by element as the Ingress API defines it.
func pathPrefixCovers(prefix, p string) bool {
	prefix = strings.TrimSuffix(prefix, "/")
	return prefix == "" || p == prefix || strings.HasPrefix(p, prefix+"/")
}

func ptrValue[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
