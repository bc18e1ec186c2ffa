package k8s_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// TestDeployments checks every Deployment the way a platform team's admission
// policies would: probes, resources, a restricted security context, pinned
// images, rolling updates that never drop capacity, and a Service, a
// PodDisruptionBudget and (for stateless pods) a HorizontalPodAutoscaler.
func TestDeployments(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		deployments := all[appsv1.Deployment](r)
		require.NotEmpty(t, deployments)
		for _, d := range deployments {
			t.Run(d.Name, func(t *testing.T) {
				pod := d.Spec.Template
				requireSelects(t, d.Spec.Selector, pod.Labels, "Deployment "+d.Name+"'s selector")
				requireRollingUpdate(t, d)
				requireRestrictedPod(t, d.Name, pod.Spec)
				for _, c := range append(append([]corev1.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...) {
					who := d.Name + "/" + c.Name
					requirePinned(t, who, c.Image, r.overlay.releaseImages)
					requireResources(t, who, c.Resources)
					requireRestrictedContainer(t, who, c.SecurityContext)
				}
				requireProbes(t, processContainer(t, d))
				requireService(t, r, d)
				requirePDB(t, r, d)
				hpa := requireHPA(t, r, d)
				if hpa != nil {
					require.Nil(t, d.Spec.Replicas, "%s: the HorizontalPodAutoscaler owns the replica count; an apply must not reset it", d.Name)
				}
			})
		}
	})
}

func requireSelects(t *testing.T, sel *metav1.LabelSelector, podLabels map[string]string, what string) {
	t.Helper()
	require.NotNil(t, sel, what)
	s, err := metav1.LabelSelectorAsSelector(sel)
	require.NoError(t, err)
	require.False(t, s.Empty(), "%s selects everything", what)
	require.True(t, s.Matches(labels.Set(podLabels)), "%s does not select its pods", what)
}

func requireRollingUpdate(t *testing.T, d *appsv1.Deployment) {
	t.Helper()
	s := d.Spec.Strategy
	require.Equal(t, appsv1.RollingUpdateDeploymentStrategyType, s.Type, "%s: rolling updates", d.Name)
	require.NotNil(t, s.RollingUpdate, "%s: set maxSurge and maxUnavailable", d.Name)
	unavailable, err := intstr.GetScaledValueFromIntOrPercent(s.RollingUpdate.MaxUnavailable, 100, false)
	require.NoError(t, err)
	require.Zero(t, unavailable, "%s: a rollout must not take a serving pod away before its replacement is ready", d.Name)
	surge, err := intstr.GetScaledValueFromIntOrPercent(s.RollingUpdate.MaxSurge, 100, true)
	require.NoError(t, err)
	require.Positive(t, surge, "%s: maxSurge must let a new pod start", d.Name)
	require.NotNil(t, d.Spec.ProgressDeadlineSeconds, "%s: a stuck rollout must be reported", d.Name)
}

func requireRestrictedPod(t *testing.T, name string, spec corev1.PodSpec) {
	t.Helper()
	require.False(t, spec.HostNetwork || spec.HostPID || spec.HostIPC, "%s: no host namespaces", name)
	require.NotNil(t, spec.AutomountServiceAccountToken, "%s: the LMS's processes never call the Kubernetes API", name)
	require.False(t, *spec.AutomountServiceAccountToken, "%s: do not mount a service account token", name)
	sc := spec.SecurityContext
	require.NotNil(t, sc, "%s: pod securityContext", name)
	require.True(t, sc.RunAsNonRoot != nil && *sc.RunAsNonRoot, "%s: runAsNonRoot", name)
	require.True(t, sc.RunAsUser != nil && *sc.RunAsUser > 0, "%s: runAsUser must be a non-root UID", name)
	require.True(t, sc.SeccompProfile != nil && sc.SeccompProfile.Type == corev1.SeccompProfileTypeRuntimeDefault, "%s: seccomp RuntimeDefault", name)
	for _, v := range spec.Volumes {
		require.Nil(t, v.HostPath, "%s: volume %s: no hostPath", name, v.Name)
	}
}

func requireRestrictedContainer(t *testing.T, who string, sc *corev1.SecurityContext) {
	t.Helper()
	require.NotNil(t, sc, "%s: container securityContext", who)
	require.True(t, sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation, "%s: allowPrivilegeEscalation: false", who)
	require.True(t, sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem, "%s: readOnlyRootFilesystem: true", who)
	require.False(t, sc.Privileged != nil && *sc.Privileged, "%s: not privileged", who)
	require.False(t, sc.RunAsNonRoot != nil && !*sc.RunAsNonRoot, "%s: must not override runAsNonRoot", who)
	require.NotNil(t, sc.Capabilities, "%s: drop all capabilities", who)
	require.Contains(t, sc.Capabilities.Drop, corev1.Capability("ALL"), "%s: drop all capabilities", who)
	require.Empty(t, sc.Capabilities.Add, "%s: add no capability", who)
}

func requireResources(t *testing.T, who string, res corev1.ResourceRequirements) {
	t.Helper()
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, ok := res.Requests[name]
		require.True(t, ok && !req.IsZero(), "%s: request %s", who, name)
		lim, ok := res.Limits[name]
		require.True(t, ok && !lim.IsZero(), "%s: limit %s", who, name)
		require.LessOrEqual(t, req.Cmp(lim), 0, "%s: %s request above its limit", who, name)
	}
}

func requireProbes(t *testing.T, c corev1.Container) {
	t.Helper()
	for _, p := range []struct {
		kind, path string
		probe      *corev1.Probe
	}{{"readiness", "/readyz", c.ReadinessProbe}, {"liveness", "/healthz", c.LivenessProbe}} {
		require.NotNil(t, p.probe, "%s: %s probe", c.Name, p.kind)
		require.NotNil(t, p.probe.HTTPGet, "%s: %s probe must be an HTTP GET", c.Name, p.kind)
		require.Equal(t, p.path, p.probe.HTTPGet.Path, "%s: %s probe path", c.Name, p.kind)
		require.Equal(t, containerPort(t, c, p.probe.HTTPGet.Port), containerPort(t, c, intstr.FromString("http")), "%s: %s probe must hit the http port", c.Name, p.kind)
	}
}

// containerPort resolves a named or numbered port of the container.
func containerPort(t *testing.T, c corev1.Container, port intstr.IntOrString) int32 {
	t.Helper()
	for _, p := range c.Ports {
		if (port.Type == intstr.String && p.Name == port.StrVal) || (port.Type == intstr.Int && p.ContainerPort == port.IntVal) {
			return p.ContainerPort
		}
	}
	require.Failf(t, "unknown port", "%s has no port %s", c.Name, port.String())
	return 0
}

// requireService checks that a Service selects the pods and exposes every
// port of the process container.
func requireService(t *testing.T, r *rendered, d *appsv1.Deployment) {
	t.Helper()
	c := processContainer(t, d)
	for _, svc := range all[corev1.Service](r) {
		if svc.Namespace != d.Namespace || len(svc.Spec.Selector) == 0 || !labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(d.Spec.Template.Labels)) {
			continue
		}
		exposed := map[int32]bool{}
		for _, p := range svc.Spec.Ports {
			exposed[containerPort(t, c, p.TargetPort)] = true
		}
		for _, p := range c.Ports {
			require.True(t, exposed[p.ContainerPort], "Service %s does not expose %s's port %s", svc.Name, d.Name, p.Name)
		}
		return
	}
	require.Failf(t, "no Service", "no Service selects %s's pods", d.Name)
}

func requirePDB(t *testing.T, r *rendered, d *appsv1.Deployment) {
	t.Helper()
	for _, pdb := range all[policyv1.PodDisruptionBudget](r) {
		if pdb.Namespace != d.Namespace {
			continue
		}
		s, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector)
		require.NoError(t, err)
		if !s.Matches(labels.Set(d.Spec.Template.Labels)) {
			continue
		}
		require.NotNil(t, pdb.Spec.MaxUnavailable, "PodDisruptionBudget %s: use maxUnavailable, so a single replica can still be drained", pdb.Name)
		n, err := intstr.GetScaledValueFromIntOrPercent(pdb.Spec.MaxUnavailable, 100, true)
		require.NoError(t, err)
		require.Positive(t, n, "PodDisruptionBudget %s blocks every drain", pdb.Name)
		return
	}
	require.Failf(t, "no PodDisruptionBudget", "no PodDisruptionBudget covers %s", d.Name)
}

// requireHPA demands an autoscaler for every stateless Deployment (no
// persistent volume) and returns it.
func requireHPA(t *testing.T, r *rendered, d *appsv1.Deployment) *autoscalingv2.HorizontalPodAutoscaler {
	t.Helper()
	stateless := true
	for _, v := range d.Spec.Template.Spec.Volumes {
		if v.PersistentVolumeClaim != nil || v.Ephemeral != nil {
			stateless = false
		}
	}
	for _, h := range all[autoscalingv2.HorizontalPodAutoscaler](r) {
		ref := h.Spec.ScaleTargetRef
		if h.Namespace != d.Namespace || ref.Kind != "Deployment" || ref.Name != d.Name {
			continue
		}
		require.Equal(t, "apps/v1", ref.APIVersion, "HorizontalPodAutoscaler %s", h.Name)
		require.NotNil(t, h.Spec.MinReplicas, "HorizontalPodAutoscaler %s: minReplicas", h.Name)
		require.GreaterOrEqual(t, *h.Spec.MinReplicas, int32(1))
		require.GreaterOrEqual(t, h.Spec.MaxReplicas, *h.Spec.MinReplicas, "HorizontalPodAutoscaler %s", h.Name)
		require.NotEmpty(t, h.Spec.Metrics, "HorizontalPodAutoscaler %s: scale on something", h.Name)
		return h
	}
	require.False(t, stateless, "stateless Deployment %s has no HorizontalPodAutoscaler", d.Name)
	return nil
}
