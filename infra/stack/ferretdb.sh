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

# FERRETDB_POOL is FerretDB's pool of PostgreSQL connections. An update holds
# one for its cursor and waits for a second for its transaction, so as many
# concurrent updates as the pool has connections wait for each other forever.
# The sum of the MongoDB clients' pools (assessment's is MONGO_MAX_POOL, 100
# by default; tests' clients are smaller) must stay below it: 400 leaves room
# for three full assessment processes, and PostgreSQL's max_connections
# (postgres.sh) has room for it beside the services' own pools.
FERRETDB_POOL=400

up_ferretdb() {
	ensure_ferretdb_bin
	if alive ferretdb && stackctl check mongo >/dev/null 2>&1; then return 0; fi
	alive postgres || up_postgres
	# Indexes for FerretDB's filters, and the guard that keeps its updates
	# from losing one another, for every database (see the files).
	pg_sql -d ferretdb -f "$HERE/ferretdb/indexes.sql" >>"$LOGS/ferretdb.log" 2>&1 ||
		die "preparing database ferretdb failed; see $LOGS/ferretdb.log"
	pg_sql -d ferretdb -f "$HERE/ferretdb/writes.sql" >>"$LOGS/ferretdb.log" 2>&1 ||
		die "preparing database ferretdb failed; see $LOGS/ferretdb.log"
	say "starting ferretdb on 127.0.0.1:$FERRETDB_PORT"
	start ferretdb "$(ferretdb_bin)" -listen "127.0.0.1:$FERRETDB_PORT" \
		-postgresql-url "postgres://lms:lms@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=$FERRETDB_POOL"
	wait_for ferretdb 60 stackctl check mongo
	say "ferretdb ready"
}
