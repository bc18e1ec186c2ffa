#!/usr/bin/env bash
# The local stack: PostgreSQL, Kafka (KRaft), Temporal's dev server, FerretDB,
# Mailpit (SMTP) and the LMS services, as plain local processes (no containers).
#
#   stack.sh up [part...]      start what is not running, wait until it answers;
#                              a service runs on: it is restarted only when its
#                              newly built binary differs from the one it runs
#   stack.sh down [part...]    stop what up started (data is kept)
#   stack.sh status            one line per part
#   stack.sh logs [part]       follow the logs
#   stack.sh servers           start only the servers (what the tests need)
#
# Everything lives under .stack/ at the repository root (git-ignored): cached
# binaries and jars in bin/ and kafka/, data in data/, logs in logs/, pids in run/.
#
# One file decides where every part listens: infra/stack/ports.env, or the file
# LMS_STACK_PORTS names. A second stack beside a working one (to run a test
# suite without touching it) is one such file with other ports and a
# STACK_NAME; its data, logs and pids live under .stack/<STACK_NAME>/:
#
#   LMS_STACK_PORTS=infra/stack/ports.second.env ./task test
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/infra/stack"
STACK="$ROOT/.stack"
BIN="$STACK/bin"
# shellcheck source=versions.env
source "$HERE/versions.env"
PORTS_FILE="$(cd "$ROOT" && realpath "${LMS_STACK_PORTS:-$HERE/ports.env}")"
# shellcheck source=ports.env
source "$PORTS_FILE"
# The tools this script runs (stackctl) and the tests read the same file.
export LMS_STACK_PORTS="$PORTS_FILE"
STATE="$STACK${STACK_NAME:+/$STACK_NAME}"
DATA="$STATE/data"
LOGS="$STATE/logs"
RUN="$STATE/run"

SERVERS=(postgres kafka temporal ferretdb mailpit)
SERVICES=(iam course assessment gateway worker visualizer)

say() { printf '%s\n' "$*" >&2; }
die() { say "stack: $*"; exit 1; }

mkdir -p "$BIN" "$DATA" "$LOGS" "$RUN"

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid"; }
alive() {
	local pid
	pid=$(pid_of "$1") || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# start NAME CMD...: runs CMD in its own session with output to the part's log.
start() {
	local name=$1
	shift
	setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
	echo $! >"$RUN/$name.pid"
}

# wait_for NAME SECONDS CHECK...: polls CHECK until it succeeds; on timeout says
# which part failed and where its log is.
wait_for() {
	local name=$1 limit=$2
	shift 2
	local deadline=$((SECONDS + limit))
	until "$@" >/dev/null 2>&1; do
		if ! alive "$name"; then
			die "$name exited while starting; see $LOGS/$name.log (last lines below)
$(tail -n 20 "$LOGS/$name.log" 2>/dev/null)"
		fi
		if ((SECONDS >= deadline)); then
			die "$name did not answer within ${limit}s; see $LOGS/$name.log (last lines below)
$(tail -n 20 "$LOGS/$name.log" 2>/dev/null)"
		fi
		sleep 0.5
	done
}

stop() {
	local name=$1 pid
	pid=$(pid_of "$name") || return 0
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		say "stopping $name (pid $pid)"
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 60); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	rm -f "$RUN/$name.pid"
}

# module_version GO_MOD MODULE prints the version GO_MOD requires of MODULE.
module_version() {
	awk -v m="$2" '{ for (i = 1; i < NF; i++) if ($i == m) { print $(i + 1); exit } }' "$1"
}

# stackctl runs the Go helper that speaks each server's protocol (readiness
# checks, topic creation).
stackctl() {
	local bin="$BIN/stackctl"
	if [ ! -x "$bin" ] || [ -n "$(find "$ROOT/infra/stackctl" "$ROOT/shared" "$ROOT/go.work" -newer "$bin" -name '*.go' -o -newer "$bin" -name 'go.*' 2>/dev/null | head -n 1)" ]; then
		(cd "$ROOT" && go build -trimpath -o "$bin" ./infra/stackctl) || die "building stackctl failed"
	fi
	"$bin" "$@"
}

# reserve_ports keeps the kernel from handing the stack's ports to outgoing
# connections: they lie in Linux's ephemeral range (32768-60999), and under a
# heavy load of client connections a server starting later (Kafka after a
# kill) found its port taken. Root only; elsewhere a note says what to run.
reserve_ports() {
	local file=/proc/sys/net/ipv4/ip_local_reserved_ports ports have
	ports=$(grep -E '^[A-Z_]+_PORT=[0-9]+$' "$PORTS_FILE" | cut -d= -f2 | sort -n | paste -sd, -)
	[ -n "$ports" ] && [ -w "$file" ] || {
		[ -e "$file" ] && [ "$(id -u)" -ne 0 ] && say "note: to keep outgoing connections off the stack's ports: sudo sysctl -w net.ipv4.ip_local_reserved_ports=$ports"
		return 0
	}
	have=$(cat "$file")
	echo "${have:+$have,}$ports" >"$file" 2>/dev/null || say "note: could not reserve the stack's ports in $file"
}

source "$HERE/postgres.sh"
source "$HERE/kafka.sh"
source "$HERE/temporal.sh"
source "$HERE/ferretdb.sh"
source "$HERE/mailpit.sh"
source "$HERE/services.sh"
source "$HERE/browser.sh"
source "$HERE/keycloak.sh"

up_part() {
	case "$1" in
	postgres) up_postgres ;;
	kafka) up_kafka ;;
	temporal) up_temporal ;;
	ferretdb) up_ferretdb ;;
	mailpit) up_mailpit ;;
	keycloak) up_keycloak ;;
	iam | course | assessment | gateway | worker | visualizer) up_service "$1" ;;
	*) die "unknown part $1 (parts: ${SERVERS[*]} ${SERVICES[*]} keycloak)" ;;
	esac
}

status_line() {
	local name=$1
	if alive "$name"; then
		printf '%-11s running  pid %-7s log %s\n' "$name" "$(pid_of "$name")" "$LOGS/$name.log"
	else
		printf '%-11s stopped\n' "$name"
	fi
}

cmd=${1:-status}
shift || true
case "$cmd" in
up)
	parts=("$@")
	[ ${#parts[@]} -gt 0 ] || parts=("${SERVERS[@]}" "${SERVICES[@]}")
	[ $# -gt 0 ] || ensure_chromium
	reserve_ports
	# The services among the parts compile together, before any starts.
	services=()
	for p in "${parts[@]}"; do [ -n "${SERVICE_PKG[$p]:-}" ] && services+=("$p"); done
	[ ${#services[@]} -eq 0 ] || build_services "${services[@]}"
	for p in "${parts[@]}"; do up_part "$p"; done
	say "stack is up (logs in $LOGS)"
	;;
servers)
	ensure_chromium
	reserve_ports
	for p in "${SERVERS[@]}"; do up_part "$p"; done
	;;
down)
	parts=("$@")
	[ ${#parts[@]} -gt 0 ] || parts=("${SERVICES[@]}" keycloak mailpit ferretdb temporal kafka postgres)
	for p in "${parts[@]}"; do
		if [ "$p" = postgres ]; then down_postgres; else stop "$p"; fi
	done
	;;
status)
	for p in "${SERVERS[@]}" "${SERVICES[@]}" keycloak; do status_line "$p"; done
	;;
logs)
	if [ $# -gt 0 ]; then tail -n 100 -F "$LOGS/$1.log"; else tail -n 20 -F "$LOGS"/*.log; fi
	;;
*)
	die "unknown command $cmd (up, down, status, logs, servers)"
	;;
esac
