package k8s_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// overlay describes what the tests expect of one folder under overlays/.
type overlay struct {
	name string
	// selfContained overlays render every Secret they use; the others rely
	// on the secrets docs/deploy.md tells the operator to create.
	selfContained bool
	// releaseImages requires images pinned to a release version or digest,
	// not merely to a tag such as dev.
	releaseImages bool
	// storageClass, when set, is the class every persistent volume must use.
	storageClass string
	// minDataReplicas is the fewest nodes a data store may run with.
	minDataReplicas int
}

// overlays lists every overlay; TestEveryOverlayIsKnown keeps it complete.
var overlays = []overlay{
	{name: "local", selfContained: true, minDataReplicas: 1},
	{name: "digitalocean", releaseImages: true, storageClass: "do-block-storage", minDataReplicas: 3},
}

// rendered is an overlay's output: every object decoded into its Go type.
type rendered struct {
	overlay overlay
	objects []*object
}

var renders sync.Map // overlay name -> func() (*rendered, error)

// render builds an overlay with kustomize (as a library, the pinned module
// version) once per test binary and decodes every object strictly.
func render(t *testing.T, o overlay) *rendered {
	t.Helper()
	once, _ := renders.LoadOrStore(o.name, sync.OnceValues(func() (*rendered, error) { return build(o) }))
	r, err := once.(func() (*rendered, error))()
	require.NoError(t, err)
	return r
}

func build(o overlay) (*rendered, error) {
	dir, err := filepath.Abs(filepath.Join("overlays", o.name))
	if err != nil {
		return nil, err
	}
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build overlays/%s: %w", o.name, err)
	}
	r := &rendered{overlay: o}
	for _, res := range resources.Resources() {
		raw, err := res.MarshalJSON()
		if err != nil {
			return nil, err
		}
		obj, err := decode(raw)
		if err != nil {
			return nil, fmt.Errorf("overlays/%s: %w", o.name, err)
		}
		r.objects = append(r.objects, obj)
	}
	return r, nil
}

// each runs f as a parallel subtest per overlay.
func each(t *testing.T, f func(t *testing.T, r *rendered)) {
	t.Helper()
	for _, o := range overlays {
		t.Run(o.name, func(t *testing.T) {
			t.Parallel()
			f(t, render(t, o))
		})
	}
}

func TestEveryOverlayIsKnown(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir("overlays")
	require.NoError(t, err)
	var dirs, known []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	for _, o := range overlays {
		known = append(known, o.name)
	}
	sort.Strings(dirs)
	sort.Strings(known)
	require.Equal(t, known, dirs, "describe every overlay in the overlays table of render_test.go")
}

// TestEveryOverlayRendersIntoKnownTypes renders each overlay and decodes every
// object into its Kubernetes or operator type, failing on any field the type
// does not have: a typo in a manifest fails here, not at kubectl apply.
func TestEveryOverlayRendersIntoKnownTypes(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, r *rendered) {
		require.NotEmpty(t, r.objects)
		seen := map[string]bool{}
		for _, obj := range r.objects {
			id := obj.id()
			require.False(t, seen[id], "%s rendered twice", id)
			seen[id] = true
			if obj.namespaced() {
				require.NotEmpty(t, obj.namespace, "%s has no namespace", id)
			}
		}
	})
}
