# The LMS's own processes: built from the workspace into .stack/bin and started
# with the settings in infra/stack/env/<name>.env. Sourced by stack.sh.

declare -A SERVICE_PKG=(
	[iam]=./iam/cmd/iam
	[course]=./course/cmd/course
	[assessment]=./assessment/cmd/assessment
	[gateway]=./gateway/cmd/gateway
	[worker]=./workflows/cmd/worker
	[visualizer]=./infra/visualizer/cmd/visualizer
)
declare -A SERVICE_PORT=(
	[iam]=$IAM_HTTP_PORT
	[course]=$COURSE_PORT
	[assessment]=$ASSESSMENT_PORT
	[gateway]=$GATEWAY_PORT
	[worker]=$WORKER_PORT
	[visualizer]=$VISUALIZER_PORT
)

declare -A SERVICE_BUILT=()
# build_services compiles the named services in one go build, so they
# compile in parallel, and only those: restarting one service never waits
# for, or fails on, another's code. It compiles with
# -trimpath, as ./task (GOFLAGS) and the image build do, so the stack, the
# tests and infra/docker share one build cache.
build_services() {
	local names=("$@") pkgs=() n
	for n in "${names[@]}"; do
		[ -n "${SERVICE_BUILT[$n]:-}" ] || pkgs+=("${SERVICE_PKG[$n]}")
	done
	[ ${#pkgs[@]} -gt 0 ] || return 0
	say "building ${names[*]}"
	(cd "$ROOT" && go build -trimpath -o "$BIN/" "${pkgs[@]}") >>"$LOGS/build.log" 2>&1 ||
		die "building ${names[*]} failed; see $LOGS/build.log (last lines below)
$(tail -n 20 "$LOGS/build.log")"
	for n in "${names[@]}"; do SERVICE_BUILT[$n]=1; done
}

service_ready() { curl -fsS --max-time 2 "http://127.0.0.1:${SERVICE_PORT[$1]}/readyz" >/dev/null; }

binary_sum() { sha256sum "$BIN/$(basename "${SERVICE_PKG[$1]}")" | cut -d' ' -f1; }

# up_service starts a service that is not running. One that runs is left alone
# unless the binary just built differs from the one it was started from; then
# it is restarted on the new one.
up_service() {
	local name=$1 sum
	build_services "$name"
	sum=$(binary_sum "$name")
	if alive "$name"; then
		if [ "$(cat "$RUN/$name.sum" 2>/dev/null)" = "$sum" ]; then
			return 0
		fi
		say "$name was built anew; restarting it"
		stop "$name"
	fi
	say "starting $name on 127.0.0.1:${SERVICE_PORT[$name]}"
	start "$name" bash -c "set -a; source '$PORTS_FILE'; source '$HERE/env/$name.env'; set +a; exec '$BIN/$(basename "${SERVICE_PKG[$name]}")'"
	echo "$sum" >"$RUN/$name.sum"
	wait_for "$name" 60 service_ready "$name"
}
