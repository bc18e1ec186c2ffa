package k8s_test

import (
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// envOf resolves what a container's environment will hold: literal values,
// ConfigMap keys (which must be rendered) and Secret keys (which must
// resolve). A Secret's value is unknown, so it resolves to "(secret)".
func envOf(t *testing.T, r *rendered, secrets secretKeys, namespace string, c corev1.Container) map[string]string {
	t.Helper()
	env := map[string]string{}
	who := "container " + c.Name
	for _, from := range c.EnvFrom {
		require.Nil(t, from.SecretRef, "%s: take secrets one key at a time (secretKeyRef), so every key can be checked", who)
		require.NotNil(t, from.ConfigMapRef, who)
		cm := find[corev1.ConfigMap](r, namespace, from.ConfigMapRef.Name)
		require.NotNil(t, cm, "%s reads ConfigMap %s, which is not rendered", who, from.ConfigMapRef.Name)
		for k, v := range cm.Data {
			env[from.Prefix+k] = v
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env[e.Name] = e.Value
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			require.False(t, ref.Optional != nil && *ref.Optional, "%s: %s must not be optional", who, e.Name)
			secrets.check(t, who+" "+e.Name, namespace, ref.Name, ref.Key)
			env[e.Name] = "(secret)"
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			cm := find[corev1.ConfigMap](r, namespace, ref.Name)
			require.NotNil(t, cm, "%s: %s reads ConfigMap %s, which is not rendered", who, e.Name, ref.Name)
			v, ok := cm.Data[ref.Key]
			require.True(t, ok, "%s: %s reads key %s of ConfigMap %s, which it lacks", who, e.Name, ref.Key, ref.Name)
			env[e.Name] = v
		default:
			env[e.Name] = "(from the pod)"
		}
	}
	return env
}

// processContainer returns the Deployment's container that runs the process
// of the same name.
func processContainer(t *testing.T, d *appsv1.Deployment) corev1.Container {
	t.Helper()
	for _, c := range d.Spec.Template.Spec.Containers {
		if c.Name == d.Name {
			return c
		}
	}
	require.Failf(t, "no process container", "Deployment %s has no container named %s", d.Name, d.Name)
	return corev1.Container{}
}

// TestEveryRequiredSettingIsProvided checks each Deployment against the Config
// its process loads (read from the Go types, so new settings are checked the
// day they are added): every required variable is provided, non-empty, from a
// literal, a rendered ConfigMap or a Secret that will exist; every variable
// provided is one the process reads (a misspelt name fails); and the listen
// addresses match the container's ports.
func TestEveryRequiredSettingIsProvided(t *testing.T) {
	t.Parallel()
	cfgs := settingsOf(t)
	each(t, func(t *testing.T, r *rendered) {
		secrets := secretsOf(t, r)
		deployed := map[string]bool{}
		for _, d := range all[appsv1.Deployment](r) {
			settings, ok := cfgs[d.Name]
			require.True(t, ok, "Deployment %s runs no command of the workspace (*/cmd/%s)", d.Name, d.Name)
			deployed[d.Name] = true
			c := processContainer(t, d)
			env := envOf(t, r, secrets, d.Namespace, c)

			known := map[string]bool{}
			for _, s := range settings {
				known[s.name] = true
				if s.required {
					require.NotEmpty(t, env[s.name], "%s requires %s, which its Deployment does not provide", d.Name, s.name)
				}
			}
			for name := range env {
				require.True(t, known[name], "Deployment %s sets %s, which %s's Config does not read", d.Name, name, d.Name)
			}

			ports := map[string]int32{}
			for _, p := range c.Ports {
				ports[p.Name] = p.ContainerPort
			}
			require.Equal(t, strconv.Itoa(int(ports["http"])), listenPort(t, env["HTTP_ADDR"]), "%s: HTTP_ADDR must listen on the container port named http", d.Name)
			if addr, ok := env["GRPC_ADDR"]; ok {
				require.Equal(t, strconv.Itoa(int(ports["grpc"])), listenPort(t, addr), "%s: GRPC_ADDR must listen on the container port named grpc", d.Name)
			}
		}
		for name := range cfgs {
			require.True(t, deployed[name], "command %s has no Deployment", name)
		}
	})
}

func listenPort(t *testing.T, addr string) string {
	t.Helper()
	_, port, err := net.SplitHostPort(addr)
	require.NoError(t, err, "listen address %q", addr)
	return port
}
