package k8s_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// releaseTag is a version a release is tagged with (v1.2.3, 17.6, 1.29.1-tctl-…).
var releaseTag = regexp.MustCompile(`^v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$`)

// requirePinned fails unless image names a tag other than latest or a digest;
// with release set, the tag must be a version (or a digest must be given), so
// an overlay for a real cluster never deploys a moving tag such as dev.
func requirePinned(t *testing.T, who, image string, release bool) {
	t.Helper()
	ref, digest, _ := strings.Cut(image, "@")
	tag := ""
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		tag = ref[i+1:]
	}
	if digest != "" {
		require.True(t, strings.HasPrefix(digest, "sha256:"), "%s: image %s has a malformed digest", who, image)
		return
	}
	require.NotEmpty(t, tag, "%s: image %s has no tag: pin it", who, image)
	require.NotEqual(t, "latest", tag, "%s: image %s: never latest", who, image)
	if release {
		require.Regexp(t, releaseTag, tag, "%s: image %s: pin a release version or a digest", who, image)
	}
}
