// Package k8s holds the LMS's Kubernetes manifests (kustomize bases under
// base/ and temporal/, overlays under overlays/) and the tests that render
// every overlay, decode every object strictly into its API type and check the
// rules a platform team sets: probes, resources, security contexts, pinned
// images, every required setting provided, network isolation, and operator
// resources that match what the services are configured to use. See
// docs/deploy.md.
package k8s
