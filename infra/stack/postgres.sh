# PostgreSQL from Debian's packages: a private data directory and port, the role
# and database of the LMS (a schema per service) and FerretDB's database.
# Sourced by stack.sh.

PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_DATA="$DATA/postgres"
PG_SOCK="$RUN/postgres"
# The superuser password stays on this machine; services use the lms role.
PG_SUPER_PASSWORD=postgres

ensure_postgres_binaries() {
	[ -x "$PG_BIN/postgres" ] && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		say "installing postgresql-$PG_MAJOR with apt"
		apt-get update -qq >>"$LOGS/postgres.log" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR" >>"$LOGS/postgres.log" 2>&1 ||
			die "apt-get install postgresql-$PG_MAJOR failed; see $LOGS/postgres.log"
	else
		die "PostgreSQL $PG_MAJOR is missing: install Debian's postgresql-$PG_MAJOR (sudo apt-get install postgresql-$PG_MAJOR) and run again"
	fi
}

# as_pg runs a command as the server's owner: root may not run PostgreSQL.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# prepare_pg_dirs makes the data directory reachable by the postgres user. When
# the checkout sits below a folder that user cannot enter (say /root), the data
# lives under /var/lib/lms-stack and .stack/data/postgres links to it.
prepare_pg_dirs() {
	mkdir -p "$PG_SOCK"
	if [ "$(id -u)" -ne 0 ]; then
		mkdir -p "$PG_DATA"
		return 0
	fi
	if [ ! -e "$PG_DATA" ]; then
		if runuser -u postgres -- test -x "$DATA"; then
			mkdir -p "$PG_DATA"
		else
			local elsewhere
			elsewhere="/var/lib/lms-stack/$(printf '%s' "$ROOT${STACK_NAME:+/$STACK_NAME}" | sha256sum | cut -c1-12)/postgres"
			mkdir -p "$elsewhere"
			chmod 755 /var/lib/lms-stack "$(dirname "$elsewhere")"
			ln -s "$elsewhere" "$PG_DATA"
		fi
	fi
	chown postgres:postgres "$PG_SOCK" "$(readlink -f "$PG_DATA")"
	chmod 700 "$(readlink -f "$PG_DATA")"
	runuser -u postgres -- test -w "$PG_SOCK" || {
		PG_SOCK="/var/run/lms-stack-$(printf '%s' "$ROOT${STACK_NAME:+/$STACK_NAME}" | sha256sum | cut -c1-12)"
		mkdir -p "$PG_SOCK" && chown postgres:postgres "$PG_SOCK"
	}
}

pg_sql() {
	PGPASSWORD=$PG_SUPER_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

pg_ready() { pg_sql -d postgres -tAc 'select 1' | grep -q 1; }

up_postgres() {
	alive postgres && pg_ready && return 0
	ensure_postgres_binaries
	prepare_pg_dirs
	if [ ! -f "$PG_DATA/PG_VERSION" ]; then
		say "initialising PostgreSQL $PG_MAJOR in $PG_DATA"
		local pwfile
		pwfile=$(mktemp)
		printf '%s\n' "$PG_SUPER_PASSWORD" >"$pwfile"
		chmod 644 "$pwfile"
		as_pg "$PG_BIN/initdb" -D "$(readlink -f "$PG_DATA")" -U postgres --pwfile="$pwfile" \
			--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >>"$LOGS/postgres.log" 2>&1 ||
			{ rm -f "$pwfile"; die "initdb failed; see $LOGS/postgres.log"; }
		rm -f "$pwfile"
	fi
	say "starting postgres on 127.0.0.1:$PG_PORT"
	: >>"$LOGS/postgres.log"
	start postgres bash -c "$(declare -f as_pg); as_pg '$PG_BIN/postgres' -D '$(readlink -f "$PG_DATA")' -p '$PG_PORT' \
		-k '$PG_SOCK' -c listen_addresses=127.0.0.1 -c max_connections=600 -c shared_buffers=256MB \
		-c synchronous_commit=on -c log_min_messages=warning"
	wait_for postgres 60 pg_ready
	pg_sql -d postgres <<-'SQL' >>"$LOGS/postgres.log" 2>&1 || die "creating the lms role and databases failed; see $LOGS/postgres.log"
		SELECT 'CREATE ROLE lms LOGIN PASSWORD ''lms'' CREATEDB'
		WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lms') \gexec
		SELECT 'CREATE DATABASE lms OWNER lms'
		WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'lms') \gexec
		SELECT 'CREATE DATABASE ferretdb OWNER lms'
		WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ferretdb') \gexec
	SQL
	pg_sql -d lms -c 'CREATE SCHEMA IF NOT EXISTS iam AUTHORIZATION lms; CREATE SCHEMA IF NOT EXISTS course AUTHORIZATION lms;' >>"$LOGS/postgres.log" 2>&1 ||
		die "creating the service schemas failed; see $LOGS/postgres.log"
	say "postgres ready (database lms, schemas iam and course)"
}

down_postgres() {
	alive postgres || { rm -f "$RUN/postgres.pid"; return 0; }
	say "stopping postgres"
	as_pg "$PG_BIN/pg_ctl" stop -D "$(readlink -f "$PG_DATA")" -m fast -w >>"$LOGS/postgres.log" 2>&1 || stop postgres
	rm -f "$RUN/postgres.pid"
}
