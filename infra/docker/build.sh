#!/bin/sh
# The one way an LMS command is compiled for its container image. Every
# Dockerfile in this folder runs it, and infra/docker's tests run it too, so the
# build that CI proves is the build the images contain.
#
# Usage (from the workspace root, where go.work is): sh infra/docker/build.sh PACKAGE OUTPUT
#
# cgo stays on: confluent-kafka-go links its bundled static librdkafka, built
# for glibc, so the binary needs only the glibc of the distroless base image.
# -trimpath and -buildvcs=false keep the binary free of build-machine paths and
# independent of whether .git is in the build context.
set -eu
if [ "$#" -ne 2 ]; then
	echo "usage: sh infra/docker/build.sh PACKAGE OUTPUT" >&2
	exit 2
fi
export CGO_ENABLED=1
exec go build -trimpath -buildvcs=false -ldflags='-s -w' -o "$2" "$1"
