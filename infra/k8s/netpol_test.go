package k8s_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// endpoint is a pod as NetworkPolicies see it: its namespace, its labels and
// its named ports.
type endpoint struct {
	name      string
	namespace string
	labels    map[string]string
	ports     map[string]int32
}

func (e endpoint) String() string { return e.namespace + "/" + e.name }

// connection is a TCP or UDP connection from one endpoint to a port of another.
type connection struct {
	from, to endpoint
	port     int32
	protocol corev1.Protocol
}

func (c connection) String() string {
	return fmt.Sprintf("%s -> %s:%d/%s", c.from, c.to, c.port, c.protocol)
}

// allowed evaluates the NetworkPolicies as the Kubernetes specification
// defines them: a connection passes when the source's egress and the
// destination's ingress both allow it. A pod selected by no policy of a
// direction is open in that direction; otherwise one rule of one selecting
// policy must admit the peer and the port.
func allowed(policies []*networkingv1.NetworkPolicy, c connection) bool {
	return directionAllows(policies, c.from, c.to, c, networkingv1.PolicyTypeEgress) &&
		directionAllows(policies, c.to, c.from, c, networkingv1.PolicyTypeIngress)
}

func directionAllows(policies []*networkingv1.NetworkPolicy, subject, peer endpoint, c connection, dir networkingv1.PolicyType) bool {
	selected := false
	for _, p := range policies {
		if p.Namespace != subject.namespace || !hasType(p, dir) || !selects(&p.Spec.PodSelector, subject.labels) {
			continue
		}
		selected = true
		if dir == networkingv1.PolicyTypeIngress {
			for _, rule := range p.Spec.Ingress {
				if peersAdmit(rule.From, p.Namespace, peer) && portsAdmit(rule.Ports, c) {
					return true
				}
			}
			continue
		}
		for _, rule := range p.Spec.Egress {
			if peersAdmit(rule.To, p.Namespace, peer) && portsAdmit(rule.Ports, c) {
				return true
			}
		}
	}
	return !selected
}

// hasType applies the API's default: Ingress always, Egress when the policy
// has egress rules, unless policyTypes says otherwise.
func hasType(p *networkingv1.NetworkPolicy, dir networkingv1.PolicyType) bool {
	if len(p.Spec.PolicyTypes) == 0 {
		return dir == networkingv1.PolicyTypeIngress || len(p.Spec.Egress) > 0
	}
	for _, t := range p.Spec.PolicyTypes {
		if t == dir {
			return true
		}
	}
	return false
}

func peersAdmit(peers []networkingv1.NetworkPolicyPeer, policyNamespace string, e endpoint) bool {
	if len(peers) == 0 {
		return true
	}
	for _, peer := range peers {
		if peerMatches(peer, policyNamespace, e) {
			return true
		}
	}
	return false
}

// peerMatches: IP blocks are not modelled (the LMS's policies use none) and
// match nothing, which keeps the evaluation strict.
func peerMatches(peer networkingv1.NetworkPolicyPeer, policyNamespace string, e endpoint) bool {
	switch {
	case peer.IPBlock != nil:
		return false
	case peer.NamespaceSelector == nil:
		return e.namespace == policyNamespace && selects(peer.PodSelector, e.labels)
	case !selects(peer.NamespaceSelector, map[string]string{"kubernetes.io/metadata.name": e.namespace}):
		return false
	default:
		return peer.PodSelector == nil || selects(peer.PodSelector, e.labels)
	}
}

func portsAdmit(ports []networkingv1.NetworkPolicyPort, c connection) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		protocol := corev1.ProtocolTCP
		if p.Protocol != nil {
			protocol = *p.Protocol
		}
		if protocol != c.protocol {
			continue
		}
		switch {
		case p.Port == nil:
			return true
		case p.Port.Type == intstr.String:
			if n, ok := c.to.ports[p.Port.StrVal]; ok && n == c.port {
				return true
			}
		case p.EndPort != nil:
			if c.port >= p.Port.IntVal && c.port <= *p.EndPort {
				return true
			}
		case p.Port.IntVal == c.port:
			return true
		}
	}
	return false
}

func selects(sel *metav1.LabelSelector, set map[string]string) bool {
	if sel == nil {
		return true
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return false
	}
	return s.Matches(labels.Set(set))
}
