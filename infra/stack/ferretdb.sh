# FerretDB v1: the MongoDB wire protocol over the stack's PostgreSQL (database
# ferretdb). infra/stack/ferretdb embeds the library at the version its go.mod
# pins. Sourced by stack.sh.

ferretdb_bin() {
	local version
	version=$(module_version "$HERE/ferretdb/go.mod" github.com/FerretDB/FerretDB)
	[ -n "$version" ] || die "no github.com/FerretDB/FerretDB version in $HERE/ferretdb/go.mod"
	printf '%s/ferretdb-%s' "$BIN" "$version"
}

ensure_ferretdb_bin() {
	local bin
	bin=$(ferretdb_bin)
	if [ -x "$bin" ] && [ "$bin" -nt "$HERE/ferretdb/main.go" ]; then return 0; fi
	say "building ferretdb ($(basename "$bin"))"
	(cd "$HERE/ferretdb" && GOWORK=off go build -o "$bin.tmp" .) >>"$LOGS/ferretdb.log" 2>&1 ||
		die "building ferretdb failed; see $LOGS/ferretdb.log"
	mv "$bin.tmp" "$bin"
}

up_ferretdb() {
	ensure_ferretdb_bin
	if alive ferretdb && stackctl check mongo >/dev/null 2>&1; then return 0; fi
	alive postgres || up_postgres
	say "starting ferretdb on 127.0.0.1:$FERRETDB_PORT"
	start ferretdb "$(ferretdb_bin)" -listen "127.0.0.1:$FERRETDB_PORT" \
		-postgresql-url "postgres://lms:lms@127.0.0.1:$PG_PORT/ferretdb"
	wait_for ferretdb 60 stackctl check mongo
	say "ferretdb ready"
}
