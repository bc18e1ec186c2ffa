# The LMS's own processes: built from the workspace into .stack/bin and started
# with the settings in infra/stack/env/<name>.env. Sourced by stack.sh.

declare -A SERVICE_PKG=(
	[iam]=./iam/cmd/iam
	[course]=./course/cmd/course
	[assessment]=./assessment/cmd/assessment
	[gateway]=./gateway/cmd/gateway
	[worker]=./workflows/cmd/worker
)
declare -A SERVICE_PORT=(
	[iam]=$IAM_HTTP_PORT
	[course]=$COURSE_PORT
	[assessment]=$ASSESSMENT_PORT
	[gateway]=$GATEWAY_PORT
	[worker]=$WORKER_PORT
)

SERVICES_BUILT=
build_services() {
	[ -n "$SERVICES_BUILT" ] && return 0
	say "building the services"
	(cd "$ROOT" && go build -o "$BIN/" "${SERVICE_PKG[@]}") >>"$LOGS/build.log" 2>&1 ||
		die "building the services failed; see $LOGS/build.log (last lines below)
$(tail -n 20 "$LOGS/build.log")"
	SERVICES_BUILT=1
}

service_ready() { curl -fsS --max-time 2 "http://127.0.0.1:${SERVICE_PORT[$1]}/readyz" >/dev/null; }

up_service() {
	local name=$1
	build_services
	if alive "$name"; then
		# A running service is restarted so it runs the binary just built.
		stop "$name"
	fi
	say "starting $name on 127.0.0.1:${SERVICE_PORT[$name]}"
	start "$name" bash -c "set -a; source '$HERE/ports.env'; source '$HERE/env/$name.env'; set +a; exec '$BIN/$(basename "${SERVICE_PKG[$name]}")'"
	wait_for "$name" 60 service_ready "$name"
}
