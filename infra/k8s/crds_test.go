package k8s_test

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The operators publish no Go API package light enough to import here, so
// these types mirror the fields of their documented schemas that the
// manifests use (field names checked against each operator's API reference).
// Decoding is strict: a field not mirrored here, or misspelt in a manifest,
// fails the render test; mirror a new field only after checking the
// operator's reference.

// Kafka is Strimzi's kafka.strimzi.io/v1 Kafka (KRaft; nodes come from KafkaNodePools).
type Kafka struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Kafka struct {
			Version         string          `json:"version"`
			MetadataVersion string          `json:"metadataVersion"`
			Listeners       []KafkaListener `json:"listeners"`
			Config          map[string]any  `json:"config,omitempty"`
		} `json:"kafka"`
		EntityOperator *struct {
			TopicOperator *struct {
				Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
			} `json:"topicOperator,omitempty"`
		} `json:"entityOperator,omitempty"`
	} `json:"spec"`
}

// KafkaListener is one of a Kafka cluster's listeners.
type KafkaListener struct {
	Name               string                           `json:"name"`
	Port               int32                            `json:"port"`
	Type               string                           `json:"type"`
	TLS                bool                             `json:"tls"`
	NetworkPolicyPeers []networkingv1.NetworkPolicyPeer `json:"networkPolicyPeers,omitempty"`
}

// KafkaNodePool is Strimzi's kafka.strimzi.io/v1 KafkaNodePool.
type KafkaNodePool struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Replicas int32    `json:"replicas"`
		Roles    []string `json:"roles"`
		Storage  struct {
			Type    string `json:"type"`
			Volumes []struct {
				ID            int    `json:"id"`
				Type          string `json:"type"`
				Size          string `json:"size"`
				Class         string `json:"class,omitempty"`
				DeleteClaim   bool   `json:"deleteClaim"`
				KRaftMetadata string `json:"kraftMetadata,omitempty"`
			} `json:"volumes"`
		} `json:"storage"`
		Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
	} `json:"spec"`
}

// KafkaTopic is Strimzi's kafka.strimzi.io/v1 KafkaTopic.
type KafkaTopic struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		TopicName  string         `json:"topicName"`
		Partitions int32          `json:"partitions"`
		Replicas   int32          `json:"replicas"`
		Config     map[string]any `json:"config,omitempty"`
	} `json:"spec"`
}

// PostgresCluster is CloudNativePG's postgresql.cnpg.io/v1 Cluster.
type PostgresCluster struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Instances             int    `json:"instances"`
		ImageName             string `json:"imageName"`
		PrimaryUpdateStrategy string `json:"primaryUpdateStrategy,omitempty"`
		EnableSuperuserAccess *bool  `json:"enableSuperuserAccess,omitempty"`
		Storage               struct {
			Size         string `json:"size"`
			StorageClass string `json:"storageClass,omitempty"`
		} `json:"storage"`
		PostgreSQL *struct {
			Parameters map[string]string `json:"parameters,omitempty"`
		} `json:"postgresql,omitempty"`
		Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
		Bootstrap *struct {
			InitDB *struct {
				Database               string   `json:"database"`
				Owner                  string   `json:"owner"`
				PostInitApplicationSQL []string `json:"postInitApplicationSQL,omitempty"`
			} `json:"initdb,omitempty"`
		} `json:"bootstrap,omitempty"`
		Managed *struct {
			Roles []struct {
				Name           string `json:"name"`
				Ensure         string `json:"ensure,omitempty"`
				Login          bool   `json:"login,omitempty"`
				PasswordSecret *struct {
					Name string `json:"name"`
				} `json:"passwordSecret,omitempty"`
			} `json:"roles,omitempty"`
		} `json:"managed,omitempty"`
	} `json:"spec"`
}

// PostgresDatabase is CloudNativePG's postgresql.cnpg.io/v1 Database.
type PostgresDatabase struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Cluster struct {
			Name string `json:"name"`
		} `json:"cluster"`
		Name   string `json:"name"`
		Owner  string `json:"owner"`
		Ensure string `json:"ensure,omitempty"`
	} `json:"spec"`
}

// MongoDBCommunity is the mongodbcommunity.mongodb.com/v1 resource of MongoDB
// Controllers for Kubernetes (formerly the Community Operator).
type MongoDBCommunity struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Type     string `json:"type"`
		Members  int    `json:"members"`
		Version  string `json:"version"`
		Security struct {
			Authentication struct {
				Modes []string `json:"modes"`
			} `json:"authentication"`
		} `json:"security"`
		Users []struct {
			Name              string `json:"name"`
			DB                string `json:"db"`
			PasswordSecretRef struct {
				Name string `json:"name"`
				Key  string `json:"key,omitempty"`
			} `json:"passwordSecretRef"`
			Roles []struct {
				Name string `json:"name"`
				DB   string `json:"db"`
			} `json:"roles"`
			ScramCredentialsSecretName string `json:"scramCredentialsSecretName"`
			ConnectionStringSecretName string `json:"connectionStringSecretName,omitempty"`
		} `json:"users"`
		// StatefulSet overrides the operator's StatefulSet; it merges by name.
		StatefulSet *struct {
			Spec appsv1.StatefulSetSpec `json:"spec"`
		} `json:"statefulSet,omitempty"`
	} `json:"spec"`
}

// ClusterIssuer is cert-manager's cert-manager.io/v1 ClusterIssuer.
type ClusterIssuer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		SelfSigned *struct{} `json:"selfSigned,omitempty"`
		ACME       *struct {
			Server              string `json:"server"`
			Email               string `json:"email"`
			PrivateKeySecretRef struct {
				Name string `json:"name"`
			} `json:"privateKeySecretRef"`
			Solvers []struct {
				HTTP01 *struct {
					Ingress *struct {
						IngressClassName string `json:"ingressClassName"`
					} `json:"ingress"`
				} `json:"http01,omitempty"`
			} `json:"solvers"`
		} `json:"acme,omitempty"`
	} `json:"spec"`
}

// Middleware is Traefik's traefik.io/v1alpha1 Middleware (basic auth only).
type Middleware struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		BasicAuth *struct {
			Secret       string `json:"secret"`
			Realm        string `json:"realm,omitempty"`
			RemoveHeader bool   `json:"removeHeader,omitempty"`
		} `json:"basicAuth,omitempty"`
	} `json:"spec"`
}
