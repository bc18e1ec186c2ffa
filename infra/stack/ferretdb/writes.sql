-- FerretDB 1.24 applies an update by reading the document on one connection
-- and writing the whole of it back by _id on another
-- (handler/msg_update.go, backends/postgresql/collection.go: UpdateAll:
-- `UPDATE <table> SET _jsonb = $1 WHERE _jsonb->'_id' = $2`), with no lock
-- between the two. Two processes updating one document at once can so lose
-- one update: eight writers incrementing one counter 100 times each left it
-- at 155 of 800 here. MongoDB applies every single-document update
-- atomically, and the services count on that.
--
-- The guard: every update the services send carries `$inc: {_writes: 1}`
-- (lms/shared/mongodb.Collection), so a document's `_writes` counts its
-- writes, and a write built on what the document was before the last write
-- carries a count that is not one more than the stored one. This trigger
-- refuses such a write (SQLSTATE 40001, message lms-stale-write); FerretDB
-- answers the update with that error, and Collection runs the update again,
-- which reads the document anew: as on MongoDB, no update is lost, whatever
-- the number of processes writing. The same eight writers: 800 of 800.
-- Documents without `_writes` (never updated through Collection) are not
-- checked.
--
-- Applied by infra/stack/ferretdb.sh as the superuser to database ferretdb
-- on every start, beside indexes.sql; every statement is idempotent.

SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION lms_ferretdb_refuse_stale_write() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
	IF OLD._jsonb ? '_writes' AND (NOT NEW._jsonb ? '_writes'
	   OR (NEW._jsonb->>'_writes')::bigint IS DISTINCT FROM (OLD._jsonb->>'_writes')::bigint + 1) THEN
		RAISE EXCEPTION 'lms-stale-write: document % changed since it was read', OLD._jsonb->'_id'
			USING ERRCODE = 'serialization_failure';
	END IF;
	RETURN NEW;
END
$fn$;

-- lms_ferretdb_guard_writes gives the table tbl the trigger, if it is one
-- of FerretDB's collections (a _jsonb column; not its metadata table).
CREATE OR REPLACE FUNCTION lms_ferretdb_guard_writes(tbl oid) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = '_jsonb' AND NOT attisdropped)
	   OR EXISTS (SELECT FROM pg_class WHERE oid = tbl AND relname = '_ferretdb_database_metadata')
	   OR EXISTS (SELECT FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'lms_refuse_stale_write') THEN
		RETURN;
	END IF;
	EXECUTE format('CREATE TRIGGER lms_refuse_stale_write BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION lms_ferretdb_refuse_stale_write()',
		tbl::regclass);
END
$fn$;

CREATE OR REPLACE FUNCTION lms_ferretdb_on_create_table() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
	cmd record;
BEGIN
	FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands()
	            WHERE command_tag = 'CREATE TABLE' AND object_type = 'table' LOOP
		PERFORM lms_ferretdb_guard_writes(cmd.objid);
	END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS lms_ferretdb_guard_writes;
CREATE EVENT TRIGGER lms_ferretdb_guard_writes ON ddl_command_end
	WHEN TAG IN ('CREATE TABLE')
	EXECUTE FUNCTION lms_ferretdb_on_create_table();

-- The collections made before the trigger existed.
DO $do$
DECLARE
	tbl oid;
BEGIN
	FOR tbl IN SELECT c.oid FROM pg_class c
	             JOIN pg_namespace n ON n.oid = c.relnamespace
	            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') LOOP
		PERFORM lms_ferretdb_guard_writes(tbl);
	END LOOP;
END
$do$;
