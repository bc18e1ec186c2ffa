#!/usr/bin/env bash
# tool.sh NAME [ARGS...] runs one of the project's pinned tools, building it once
# into .stack/bin from the tools module that pins it (outside the workspace, so
# a tool's dependencies never enter the services' build).
# tool.sh --path NAME prints where the tool is (building or fetching it first).
#
# buf is the exception: compiling it costs minutes on a fresh machine, so it is
# Buf's own release binary, fetched once from the npm registry
# (@bufbuild/buf-linux-<arch>) and checked against the sha512 pinned below.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
print_path=
if [ "${1:-}" = --path ]; then
	print_path=1
	shift
fi
name=$1
shift

BUF_VERSION=1.75.0
declare -A BUF_SHA512=(
	[x86_64]=YGGJAx0lpMCE7aMWjNOJcfoEaG/e+iYHnTC4SZ0P5eS4IffMryA9Z4/bb1m1wNXAEJ8ATFMEZOAk/5x9VE47ig==
	[aarch64]=eX+XyokzJDqsNIFo8b1O3DBvbnksOozPJX4QVsNn61JqSUtWspyTNeYqwg8lRDancML+bDqZEDFPABjAsVCQGQ==
)

# fetch_buf puts Buf's release binary at $1.
fetch_buf() {
	local bin=$1 arch pkg tmp sum
	arch=$(uname -m)
	case "$arch" in
	x86_64) pkg=@bufbuild/buf-linux-x64 ;;
	aarch64) pkg=@bufbuild/buf-linux-aarch64 ;;
	*) echo "tool.sh: no pinned buf for $arch" >&2; exit 2 ;;
	esac
	command -v npm >/dev/null || { echo "tool.sh: npm is needed to fetch buf $BUF_VERSION (install Node.js with npm)" >&2; exit 2; }
	echo "fetching buf $BUF_VERSION (once)" >&2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	(cd "$tmp" && npm pack --silent "$pkg@$BUF_VERSION" >/dev/null)
	sum=$(openssl dgst -sha512 -binary "$tmp"/*.tgz | base64 -w0)
	[ "$sum" = "${BUF_SHA512[$arch]}" ] || { echo "tool.sh: $pkg@$BUF_VERSION has sha512 $sum, pinned ${BUF_SHA512[$arch]}" >&2; exit 1; }
	tar -xzf "$tmp"/*.tgz -C "$tmp" package/bin/buf
	mkdir -p "$(dirname "$bin")"
	mv "$tmp/package/bin/buf" "$bin"
	chmod +x "$bin"
}

if [ "$name" = buf ]; then
	bin="$root/.stack/bin/buf-$BUF_VERSION"
	[ -x "$bin" ] || fetch_buf "$bin"
else
	case "$name" in
	task) mod="$here" pkg=github.com/go-task/task/v3/cmd/task modpath=github.com/go-task/task/v3 ;;
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
		(cd "$mod" && GOWORK=off go build -o "$bin.tmp.$$" "$pkg")
		mv "$bin.tmp.$$" "$bin"
	fi
fi
if [ -n "$print_path" ]; then
	echo "$bin"
	exit 0
fi
exec "$bin" "$@"
