package k8s_test

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"lms/shared/events"
)

// TestKafka checks the Strimzi resources: KRaft node pools with controllers
// and brokers, replication a cluster of that size can honour, pinned
// versions, and exactly the topics of the event contract (each domain topic
// and its dead-letter topic, with the contract's partition count).
func TestKafka(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		clusters := all[Kafka](r)
		require.Len(t, clusters, 1)
		k := clusters[0]
		require.Regexp(t, releaseTag, k.Spec.Kafka.Version, "Kafka version")
		require.NotEmpty(t, k.Spec.Kafka.MetadataVersion, "pin the KRaft metadata version")
		require.False(t, k.Spec.Kafka.Config["auto.create.topics.enable"] != false, "topics are declared, never created by a typo")

		var brokers, controllers int32
		for _, pool := range all[KafkaNodePool](r) {
			require.Equal(t, k.Name, pool.Labels["strimzi.io/cluster"], "KafkaNodePool %s belongs to no Kafka", pool.Name)
			if slices.Contains(pool.Spec.Roles, "broker") {
				brokers += pool.Spec.Replicas
			}
			if slices.Contains(pool.Spec.Roles, "controller") {
				controllers += pool.Spec.Replicas
			}
			requireVolumes(t, r.overlay, "KafkaNodePool "+pool.Name, len(pool.Spec.Storage.Volumes), func(i int) string { return pool.Spec.Storage.Volumes[i].Class })
		}
		require.GreaterOrEqual(t, int(brokers), r.overlay.minDataReplicas, "brokers")
		require.Equal(t, int32(1), controllers%2, "KRaft needs an odd number of controllers for a quorum")
		rf := configInt(t, k.Spec.Kafka.Config, "default.replication.factor")
		requireReplication(t, "the cluster default", rf, configInt(t, k.Spec.Kafka.Config, "min.insync.replicas"), brokers)
		require.LessOrEqual(t, configInt(t, k.Spec.Kafka.Config, "offsets.topic.replication.factor"), brokers, "consumer offsets replication")
		requireReplication(t, "the transaction log", configInt(t, k.Spec.Kafka.Config, "transaction.state.log.replication.factor"), configInt(t, k.Spec.Kafka.Config, "transaction.state.log.min.isr"), brokers)

		var want, got []string
		for _, topic := range events.Topics() {
			want = append(want, topic, events.DeadLetter(topic))
		}
		for _, topic := range all[KafkaTopic](r) {
			require.Equal(t, k.Name, topic.Labels["strimzi.io/cluster"], "KafkaTopic %s belongs to no Kafka", topic.Name)
			got = append(got, topic.Spec.TopicName)
			require.Equal(t, int32(events.Partitions), topic.Spec.Partitions, "topic %s partitions", topic.Spec.TopicName)
			requireReplication(t, "topic "+topic.Spec.TopicName, topic.Spec.Replicas, configInt(t, topic.Spec.Config, "min.insync.replicas"), brokers)
		}
		sort.Strings(want)
		sort.Strings(got)
		require.Equal(t, want, got, "the KafkaTopics must be exactly the event contract's topics and their dead-letter topics")
	})
}

// requireReplication: a write must survive the loss of a broker wherever
// there is more than one, so min.insync.replicas stays below the replication
// factor, which no broker count can fall short of.
func requireReplication(t *testing.T, what string, replicas, minInSync, brokers int32) {
	t.Helper()
	require.LessOrEqual(t, replicas, brokers, "%s: replication factor %d with %d brokers", what, replicas, brokers)
	require.GreaterOrEqual(t, minInSync, int32(1), what)
	if replicas > 1 {
		require.Less(t, minInSync, replicas, "%s: min.insync.replicas %d leaves no room for a broker to be down", what, minInSync)
		require.GreaterOrEqual(t, minInSync, int32(2), "%s: with replication, an acknowledged write must be on two brokers", what)
	} else {
		require.Equal(t, int32(1), minInSync, what)
	}
}

func configInt(t *testing.T, cfg map[string]any, key string) int32 {
	t.Helper()
	v, ok := cfg[key]
	require.True(t, ok, "set %s", key)
	n, err := strconv.ParseInt(fmt.Sprint(v), 10, 32)
	require.NoError(t, err, "%s = %v", key, v)
	return int32(n)
}

// requireVolumes checks each volume's storage class against the overlay's.
func requireVolumes(t *testing.T, o overlay, who string, n int, class func(int) string) {
	t.Helper()
	require.Positive(t, n, "%s has no volume", who)
	for i := range n {
		require.Equal(t, o.storageClass, class(i), "%s: storage class", who)
	}
}

// TestPostgres checks the CloudNativePG clusters and that every process
// reading POSTGRES_URL from a Secret uses the Secret of a managed login role
// that owns the process's schema (POSTGRES_SCHEMA); where the overlay renders
// that Secret, its URI must name the role, its password, the cluster's
// read-write Service and the database.
func TestPostgres(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		for _, c := range all[PostgresCluster](r) {
			require.GreaterOrEqual(t, c.Spec.Instances, r.overlay.minDataReplicas, "Cluster %s instances", c.Name)
			requirePinned(t, "Cluster "+c.Name, c.Spec.ImageName, true)
			require.False(t, ptrValue(c.Spec.EnableSuperuserAccess), "Cluster %s: no superuser access from outside", c.Name)
			require.Equal(t, r.overlay.storageClass, c.Spec.Storage.StorageClass, "Cluster %s: storage class", c.Name)
			requireResources(t, "Cluster "+c.Name, ptrValue(c.Spec.Resources))
		}
		secrets := secretsOf(t, r)
		for _, d := range all[appsv1.Deployment](r) {
			c := processContainer(t, d)
			ref := secretRef(c, "POSTGRES_URL")
			if ref == nil {
				continue
			}
			env := envOf(t, r, secrets, d.Namespace, c)
			schema := env["POSTGRES_SCHEMA"]
			cluster, role := roleUsing(r, d.Namespace, ref.Name)
			require.NotNil(t, cluster, "%s's POSTGRES_URL comes from Secret %s, which no managed PostgreSQL role uses", d.Name, ref.Name)
			require.Contains(t, cluster.Spec.Bootstrap.InitDB.PostInitApplicationSQL, fmt.Sprintf("CREATE SCHEMA %s AUTHORIZATION %s", schema, role),
				"%s's schema %s must exist and belong to its role %s", d.Name, schema, role)
			if s := find[corev1.Secret](r, d.Namespace, ref.Name); s != nil {
				u, err := url.Parse(string(s.Data[ref.Key]))
				require.NoError(t, err)
				password, _ := u.User.Password()
				require.Equal(t, role, u.User.Username(), "%s: POSTGRES_URL user", d.Name)
				require.Equal(t, string(s.Data["password"]), password, "%s: POSTGRES_URL password is the role's", d.Name)
				require.Equal(t, cluster.Name+"-rw", u.Hostname(), "%s: POSTGRES_URL must reach the primary", d.Name)
				require.Equal(t, "/"+cluster.Spec.Bootstrap.InitDB.Database, u.Path, "%s: POSTGRES_URL database", d.Name)
			}
		}
	})
}

func secretRef(c corev1.Container, name string) *corev1.SecretKeySelector {
	for _, e := range c.Env {
		if e.Name == name && e.ValueFrom != nil {
			return e.ValueFrom.SecretKeyRef
		}
	}
	return nil
}

func roleUsing(r *rendered, namespace, secret string) (*PostgresCluster, string) {
	for _, c := range all[PostgresCluster](r) {
		if c.Namespace != namespace || c.Spec.Managed == nil || c.Spec.Bootstrap == nil || c.Spec.Bootstrap.InitDB == nil {
			continue
		}
		for _, role := range c.Spec.Managed.Roles {
			if role.PasswordSecret != nil && role.PasswordSecret.Name == secret && role.Login && role.Ensure == "present" {
				return c, role.Name
			}
		}
	}
	return nil, ""
}

// TestMongoDB checks the MongoDB replica set and that every process reading
// MONGO_URI uses the connection string the operator writes for a SCRAM user
// allowed to read and write the process's database (MONGO_DATABASE).
func TestMongoDB(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		for _, m := range all[MongoDBCommunity](r) {
			require.Equal(t, "ReplicaSet", m.Spec.Type)
			require.GreaterOrEqual(t, m.Spec.Members, r.overlay.minDataReplicas, "%s members", m.Name)
			require.Regexp(t, releaseTag, m.Spec.Version, "%s: pin the MongoDB version", m.Name)
			require.Equal(t, []string{"SCRAM"}, m.Spec.Security.Authentication.Modes)
			require.NotNil(t, m.Spec.StatefulSet, "%s: size its volumes", m.Name)
			claims := m.Spec.StatefulSet.Spec.VolumeClaimTemplates
			requireVolumes(t, r.overlay, "MongoDBCommunity "+m.Name, len(claims), func(i int) string { return ptrValue(claims[i].Spec.StorageClassName) })
		}
		secrets := secretsOf(t, r)
		for _, d := range all[appsv1.Deployment](r) {
			c := processContainer(t, d)
			ref := secretRef(c, "MONGO_URI")
			if ref == nil {
				continue
			}
			database := envOf(t, r, secrets, d.Namespace, c)["MONGO_DATABASE"]
			found := false
			for _, m := range all[MongoDBCommunity](r) {
				for _, u := range m.Spec.Users {
					if m.Namespace != d.Namespace || u.ConnectionStringSecretName != ref.Name {
						continue
					}
					found = true
					ok := false
					for _, role := range u.Roles {
						ok = ok || (role.Name == "readWrite" && role.DB == database)
					}
					require.True(t, ok, "MongoDB user %s must have readWrite on %s, %s's MONGO_DATABASE", u.Name, database, d.Name)
					require.True(t, strings.HasPrefix(ref.Key, "connectionString."), "%s: MONGO_URI must be the operator's connection string", d.Name)
				}
			}
			require.True(t, found, "%s's MONGO_URI comes from Secret %s, which no MongoDB user's connection string is written to", d.Name, ref.Name)
		}
	})
}
