#!/usr/bin/env bash
# tool.sh NAME [ARGS...] runs one of the project's pinned tools, building it once
# into .stack/bin from the tools module that pins it (outside the workspace, so
# a tool's dependencies never enter the services' build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name=$1
shift
case "$name" in
task) mod="$here" pkg=github.com/go-task/task/v3/cmd/task modpath=github.com/go-task/task/v3 ;;
buf) mod="$here" pkg=github.com/bufbuild/buf/cmd/buf modpath=github.com/bufbuild/buf ;;
protoc-gen-go) mod="$here" pkg=google.golang.org/protobuf/cmd/protoc-gen-go modpath=google.golang.org/protobuf ;;
protoc-gen-go-grpc) mod="$here" pkg=google.golang.org/grpc/cmd/protoc-gen-go-grpc modpath=google.golang.org/grpc/cmd/protoc-gen-go-grpc ;;
golangci-lint) mod="$here/lint" pkg=github.com/golangci/golangci-lint/v2/cmd/golangci-lint modpath=github.com/golangci/golangci-lint/v2 ;;
workflowcheck) mod="$here/lint" pkg=go.temporal.io/sdk/contrib/tools/workflowcheck modpath=go.temporal.io/sdk/contrib/tools/workflowcheck ;;
*) echo "tool.sh: unknown tool $name" >&2; exit 2 ;;
esac
version=$(awk -v m="$modpath" '{ for (i = 1; i < NF; i++) if ($i == m) { print $(i + 1); exit } }' "$mod/go.mod")
[ -n "$version" ] || { echo "tool.sh: $modpath is not pinned in $mod/go.mod" >&2; exit 2; }
bin="$root/.stack/bin/$name-$version"
if [ ! -x "$bin" ]; then
	echo "building $name $version (once)" >&2
	mkdir -p "$root/.stack/bin"
	(cd "$mod" && GOWORK=off go build -o "$bin.tmp" "$pkg")
	mv "$bin.tmp" "$bin"
fi
exec "$bin" "$@"
