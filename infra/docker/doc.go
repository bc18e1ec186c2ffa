// Package docker holds the LMS's container images: one Dockerfile per command
// (<name>.Dockerfile), all built from the workspace root with build.sh, the
// single build command. Its tests run that command for every command of the
// workspace and check that each Dockerfile uses it, with pinned base images
// and a non-root, shell-less runtime stage (see docs/images.md).
package docker
