package k8s_test

import (
	"encoding/json"
	"errors"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sjson "sigs.k8s.io/json"
)

// object is one rendered manifest with its decoded value (a pointer to the
// Go type registered for its apiVersion and kind).
type object struct {
	apiVersion, kind, name, namespace string
	value                             any
}

func (o *object) id() string {
	return fmt.Sprintf("%s %s/%s", o.kind, o.namespace, o.name)
}

func (o *object) namespaced() bool { return !clusterScoped[o.apiVersion+"/"+o.kind] }

var clusterScoped = map[string]bool{
	"v1/Namespace":                     true,
	"cert-manager.io/v1/ClusterIssuer": true,
}

// apiTypes maps apiVersion/kind to a constructor of its Go type: Kubernetes'
// own from k8s.io/api, the operators' from the mirrors in crds_test.go. A
// kind missing here fails the render test, so nothing escapes the checks.
var apiTypes = map[string]func() any{
	"v1/Namespace":                                     func() any { return &corev1.Namespace{} },
	"v1/ConfigMap":                                     func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                                        func() any { return &corev1.Secret{} },
	"v1/Service":                                       func() any { return &corev1.Service{} },
	"apps/v1/Deployment":                               func() any { return &appsv1.Deployment{} },
	"policy/v1/PodDisruptionBudget":                    func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler":           func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.k8s.io/v1/Ingress":                     func() any { return &networkingv1.Ingress{} },
	"networking.k8s.io/v1/NetworkPolicy":               func() any { return &networkingv1.NetworkPolicy{} },
	"kafka.strimzi.io/v1/Kafka":                        func() any { return &Kafka{} },
	"kafka.strimzi.io/v1/KafkaNodePool":                func() any { return &KafkaNodePool{} },
	"kafka.strimzi.io/v1/KafkaTopic":                   func() any { return &KafkaTopic{} },
	"postgresql.cnpg.io/v1/Cluster":                    func() any { return &PostgresCluster{} },
	"postgresql.cnpg.io/v1/Database":                   func() any { return &PostgresDatabase{} },
	"mongodbcommunity.mongodb.com/v1/MongoDBCommunity": func() any { return &MongoDBCommunity{} },
	"cert-manager.io/v1/ClusterIssuer":                 func() any { return &ClusterIssuer{} },
	"traefik.io/v1alpha1/Middleware":                   func() any { return &Middleware{} },
}

// decode strictly decodes one rendered object: unknown, duplicate or
// wrongly-cased fields are errors, as they are for kubectl's strict validation.
func decode(raw []byte) (*object, error) {
	var meta struct {
		metav1.TypeMeta `json:",inline"`
		Metadata        metav1.ObjectMeta `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, err
	}
	key := meta.APIVersion + "/" + meta.Kind
	obj := &object{apiVersion: meta.APIVersion, kind: meta.Kind, name: meta.Metadata.Name, namespace: meta.Metadata.Namespace}
	newValue, ok := apiTypes[key]
	if !ok {
		return nil, fmt.Errorf("%s: no Go type registered for %s (add one to apiTypes)", obj.id(), key)
	}
	obj.value = newValue()
	strict, err := k8sjson.UnmarshalStrict(raw, obj.value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", obj.id(), err)
	}
	if len(strict) > 0 {
		return nil, fmt.Errorf("%s: %w", obj.id(), errors.Join(strict...))
	}
	return obj, nil
}

// all returns the rendered objects of one Go type, in render order.
func all[T any](r *rendered) []*T {
	var out []*T
	for _, o := range r.objects {
		if v, ok := o.value.(*T); ok {
			out = append(out, v)
		}
	}
	return out
}

// find returns the object of type T with the name and namespace, or nil.
func find[T any](r *rendered, namespace, name string) *T {
	for _, o := range r.objects {
		if v, ok := o.value.(*T); ok && o.name == name && o.namespace == namespace {
			return v
		}
	}
	return nil
}
