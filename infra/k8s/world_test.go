package k8s_test

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// world is an overlay seen as the pods it will run: the LMS's own (from the
// Deployments), the ones its operators and charts create (labelled as those
// projects document), and a few outsiders to test the walls against.
type world struct {
	apps     map[string]endpoint // by Deployment name
	data     []endpoint          // PostgreSQL, MongoDB, Kafka, Temporal, DNS
	outside  []endpoint          // ingress controller and strangers
	ingress  endpoint            // the ingress controller
	services map[string][]target // "namespace/name" of a Service -> what its ports reach
	policies []*networkingv1.NetworkPolicy
}

// target is where a Service port leads.
type target struct {
	port int32 // the Service's port
	to   []endpoint
	dest int32 // the port on the pods
}

func newWorld(t *testing.T, r *rendered) *world {
	t.Helper()
	w := &world{apps: map[string]endpoint{}, services: map[string][]target{}, policies: all[networkingv1.NetworkPolicy](r)}
	for _, d := range all[appsv1.Deployment](r) {
		ports := map[string]int32{}
		for _, p := range processContainer(t, d).Ports {
			ports[p.Name] = p.ContainerPort
		}
		w.apps[d.Name] = endpoint{name: d.Name, namespace: d.Namespace, labels: d.Spec.Template.Labels, ports: ports}
	}
	// CloudNativePG labels instances cnpg.io/cluster and serves <cluster>-rw/-ro/-r.
	for _, c := range all[PostgresCluster](r) {
		e := endpoint{name: c.Name + "-1", namespace: c.Namespace,
			labels: map[string]string{"cnpg.io/cluster": c.Name, "cnpg.io/podRole": "instance", "cnpg.io/instanceRole": "primary"},
			ports:  map[string]int32{"postgresql": 5432, "status": 8000, "metrics": 9187}}
		w.data = append(w.data, e)
		for _, suffix := range []string{"-rw", "-ro", "-r"} {
			w.services[c.Namespace+"/"+c.Name+suffix] = []target{{port: 5432, to: []endpoint{e}, dest: 5432}}
		}
	}
	// The MongoDB operator labels members app=<name>-svc and serves <name>-svc.
	for _, m := range all[MongoDBCommunity](r) {
		e := endpoint{name: m.Name + "-0", namespace: m.Namespace, labels: map[string]string{"app": m.Name + "-svc"}, ports: map[string]int32{"mongodb": 27017}}
		w.data = append(w.data, e)
		w.services[m.Namespace+"/"+m.Name+"-svc"] = []target{{port: 27017, to: []endpoint{e}, dest: 27017}}
	}
	// Strimzi labels brokers with their cluster, kind and pool, serves
	// <cluster>-kafka-bootstrap, and writes an ingress NetworkPolicy per
	// listener from its networkPolicyPeers.
	for _, k := range all[Kafka](r) {
		var brokers []endpoint
		for _, pool := range all[KafkaNodePool](r) {
			if pool.Labels["strimzi.io/cluster"] != k.Name || pool.Namespace != k.Namespace {
				continue
			}
			e := endpoint{name: k.Name + "-" + pool.Name + "-0", namespace: k.Namespace, labels: map[string]string{
				"strimzi.io/cluster": k.Name, "strimzi.io/kind": "Kafka", "strimzi.io/name": k.Name + "-kafka",
				"strimzi.io/pool-name": pool.Name, "strimzi.io/broker-role": "true",
			}, ports: map[string]int32{"tcp-ctrlplane": 9090, "tcp-replication": 9091}}
			for _, l := range k.Spec.Kafka.Listeners {
				e.ports["tcp-"+l.Name] = l.Port
			}
			brokers = append(brokers, e)
		}
		w.data = append(w.data, brokers...)
		var targets []target
		policy := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Name: k.Name + "-network-policy-kafka", Namespace: k.Namespace}}
		policy.Spec.PodSelector = metav1.LabelSelector{MatchLabels: map[string]string{"strimzi.io/cluster": k.Name, "strimzi.io/kind": "Kafka", "strimzi.io/name": k.Name + "-kafka"}}
		policy.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		for _, l := range k.Spec.Kafka.Listeners {
			targets = append(targets, target{port: l.Port, to: brokers, dest: l.Port})
			port := intstr.FromInt32(l.Port)
			policy.Spec.Ingress = append(policy.Spec.Ingress, networkingv1.NetworkPolicyIngressRule{From: l.NetworkPolicyPeers, Ports: []networkingv1.NetworkPolicyPort{{Port: &port}}})
		}
		w.services[k.Namespace+"/"+k.Name+"-kafka-bootstrap"] = targets
		w.policies = append(w.policies, policy)
	}
	// Temporal's chart labels its pods with the release and component.
	temporalPod := func(component string, port int32) endpoint {
		return endpoint{name: temporalRelease + "-" + component, namespace: temporalNamespace, labels: map[string]string{
			"app.kubernetes.io/name": "temporal", "app.kubernetes.io/instance": temporalRelease, "app.kubernetes.io/component": component,
		}, ports: map[string]int32{component: port}}
	}
	frontend := temporalPod("frontend", 7233)
	w.data = append(w.data, frontend, temporalPod("history", 7234), temporalPod("matching", 7235), temporalPod("web", 8080))
	w.services[temporalNamespace+"/"+temporalRelease+"-frontend"] = []target{{port: 7233, to: []endpoint{frontend}, dest: 7233}}
	w.data = append(w.data, endpoint{name: "coredns", namespace: "kube-system", labels: map[string]string{"k8s-app": "kube-dns"}, ports: map[string]int32{"dns": 53}})

	w.ingress = endpoint{name: "traefik", namespace: "traefik", labels: map[string]string{"app.kubernetes.io/name": "traefik"}}
	w.outside = []endpoint{w.ingress,
		{name: "stranger", namespace: "lms", labels: map[string]string{"app": "stranger"}},
		{name: "stranger", namespace: "default", labels: map[string]string{"app": "stranger"}},
	}

	for _, svc := range all[corev1.Service](r) {
		var pods []endpoint
		for _, e := range w.apps {
			if e.namespace == svc.Namespace && len(svc.Spec.Selector) > 0 && labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(e.labels)) {
				pods = append(pods, e)
			}
		}
		for _, p := range svc.Spec.Ports {
			tg := target{port: p.Port, to: pods, dest: p.TargetPort.IntVal}
			for _, e := range pods {
				if p.TargetPort.Type == intstr.String {
					tg.dest = e.ports[p.TargetPort.StrVal]
				}
			}
			w.services[svc.Namespace+"/"+svc.Name] = append(w.services[svc.Namespace+"/"+svc.Name], tg)
		}
	}
	return w
}

// resolve follows an address such as "iam:9090", "http://course:8080" or
// "lms-kafka-kafka-bootstrap:9092" from a pod in namespace to the pods and
// port it reaches, as cluster DNS would.
func (w *world) resolve(t *testing.T, namespace, address string) (to []endpoint, port int32) {
	t.Helper()
	hostport := address
	if u, err := url.Parse(address); err == nil && u.Scheme != "" && u.Host != "" {
		hostport = u.Host
		if u.Port() == "" {
			defaultPort := "80"
			if u.Scheme == "https" {
				defaultPort = "443"
			}
			hostport = net.JoinHostPort(u.Hostname(), defaultPort)
		}
	}
	host, portText, err := net.SplitHostPort(hostport)
	require.NoError(t, err, "address %q", address)
	n, err := strconv.ParseInt(portText, 10, 32)
	require.NoError(t, err, "address %q", address)
	host = strings.TrimSuffix(strings.TrimSuffix(host, ".cluster.local"), ".svc")
	name, ns, found := strings.Cut(host, ".")
	if !found {
		ns = namespace
	}
	targets, ok := w.services[ns+"/"+name]
	require.True(t, ok, "%q names no Service that the overlay or its operators create", address)
	for _, tg := range targets {
		if tg.port == int32(n) {
			require.NotEmpty(t, tg.to, "Service %s/%s selects no pod", ns, name)
			return tg.to, tg.dest
		}
	}
	require.Failf(t, "no such port", "Service %s/%s has no port %d (address %q)", ns, name, n, address)
	return nil, 0
}
