# Temporal: the temporal CLI's dev server, built from the module version pinned in
# infra/stack/temporal/go.mod (its own module, so its dependencies never enter the
# services' build), with a persistent SQLite file and the web UI.
# Sourced by stack.sh.

TEMPORAL_DATA="$DATA/temporal"
TEMPORAL_NAMESPACE=lms

temporal_bin() {
	local version
	version=$(module_version "$HERE/temporal/go.mod" github.com/temporalio/cli)
	[ -n "$version" ] || die "no github.com/temporalio/cli version in $HERE/temporal/go.mod"
	printf '%s/temporal-%s' "$BIN" "$version"
}

ensure_temporal_bin() {
	local bin
	bin=$(temporal_bin)
	[ -x "$bin" ] && return 0
	say "building the temporal CLI ($(basename "$bin")); this takes a few minutes once"
	(cd "$HERE/temporal" && GOWORK=off go build -o "$bin.tmp" github.com/temporalio/cli/cmd/temporal) >>"$LOGS/temporal.log" 2>&1 ||
		die "building the temporal CLI failed; see $LOGS/temporal.log"
	mv "$bin.tmp" "$bin"
}

temporal_ready() {
	local bin
	bin=$(temporal_bin)
	"$bin" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" | grep -q SERVING &&
		"$bin" operator namespace describe --address "127.0.0.1:$TEMPORAL_PORT" -n "$TEMPORAL_NAMESPACE" >/dev/null
}

up_temporal() {
	ensure_temporal_bin
	if alive temporal && temporal_ready >/dev/null 2>&1; then return 0; fi
	mkdir -p "$TEMPORAL_DATA"
	say "starting temporal on 127.0.0.1:$TEMPORAL_PORT (web UI http://127.0.0.1:$TEMPORAL_UI_PORT)"
	# WAL and synchronous=normal: about 110 workflows/s here instead of 40.
	start temporal "$(temporal_bin)" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
		--ui-port "$TEMPORAL_UI_PORT" --http-port "$TEMPORAL_HTTP_PORT" --metrics-port "$TEMPORAL_METRICS_PORT" \
		--namespace "$TEMPORAL_NAMESPACE" --db-filename "$TEMPORAL_DATA/temporal.db" \
		--sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal --log-level warn
	wait_for temporal 120 temporal_ready
	say "temporal ready (namespace $TEMPORAL_NAMESPACE)"
}
