-- FerretDB 1.24 filters a collection as `_jsonb->$1 @> $2` (the field name a
-- bind parameter, see its internal/backends/postgresql/query.go). The btree
-- expression indexes it creates for MongoDB indexes, `((_jsonb->'field'))`,
-- cannot serve `@>`, so every lookup scans the whole table. Two changes make
-- them indexed, with no change to the services' MongoDB code:
--
-- 1. Every btree index FerretDB creates gets a GIN twin per indexed field,
--    `USING gin ((_jsonb->'field') jsonb_path_ops)`, made by an event trigger
--    in the same transaction as the CREATE INDEX (so every MongoDB database,
--    the tests' own included, gets them), and once here for indexes that
--    existed before.
-- 2. plan_cache_mode = force_custom_plan for the database: the planner then
--    sees the field name as a constant and can match the twin's expression.
--
-- The twins are built with fastupdate off: with GIN's pending list, every
-- search reads every entry not yet merged (5.8 ms for a lookup by _id after
-- 100,000 inserts, 0.06 ms without), and an exam inserts in bursts.
--
-- Applied by infra/stack/postgres.sh as the superuser to database ferretdb
-- on every start; every statement is idempotent.

SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION lms_ferretdb_gin_twins(idx oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
	am    text;
	tbl   regclass;
	ncols int;
	expr  text;
	twin  text;
BEGIN
	SELECT a.amname, i.indrelid::regclass, i.indnkeyatts
	  INTO am, tbl, ncols
	  FROM pg_index i
	  JOIN pg_class c ON c.oid = i.indexrelid
	  JOIN pg_am a ON a.oid = c.relam
	 WHERE i.indexrelid = idx;
	IF am IS DISTINCT FROM 'btree' THEN
		RETURN; -- the twins themselves, and anything not FerretDB's
	END IF;
	FOR k IN 1..ncols LOOP
		expr := pg_get_indexdef(idx, k, false);
		-- FerretDB's form: ((_jsonb -> 'field'::text)), nested fields as
		-- a chain of -> 'sub'::text.
		IF expr !~ '^\(*_jsonb( -> ''([^'']|'''')*''::text)+\)*$' THEN
			CONTINUE;
		END IF;
		expr := regexp_replace(expr, '^\(+|\)+$', '', 'g');
		twin := 'lms_gin_' || substr(md5(tbl::text || '|' || expr), 1, 24);
		EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops) WITH (fastupdate = off)',
			twin, tbl, expr);
	END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION lms_ferretdb_on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
	cmd record;
BEGIN
	FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands()
	            WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
		PERFORM lms_ferretdb_gin_twins(cmd.objid);
	END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS lms_ferretdb_gin_twins;
CREATE EVENT TRIGGER lms_ferretdb_gin_twins ON ddl_command_end
	WHEN TAG IN ('CREATE INDEX')
	EXECUTE FUNCTION lms_ferretdb_on_create_index();

-- Twins for the indexes made before the trigger existed, and twins made
-- before they were built without a pending list.
DO $do$
DECLARE
	idx oid;
BEGIN
	FOR idx IN SELECT c.oid FROM pg_class c
	             JOIN pg_am a ON a.oid = c.relam
	            WHERE c.relkind = 'i' AND a.amname = 'gin' AND c.relname LIKE 'lms\_gin\_%'
	              AND NOT coalesce(c.reloptions @> ARRAY['fastupdate=off'], false) LOOP
		EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', idx::regclass);
		PERFORM gin_clean_pending_list(idx::regclass);
	END LOOP;
	FOR idx IN SELECT i.indexrelid FROM pg_index i
	             JOIN pg_class t ON t.oid = i.indrelid
	             JOIN pg_namespace n ON n.oid = t.relnamespace
	            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') LOOP
		PERFORM lms_ferretdb_gin_twins(idx);
	END LOOP;
END
$do$;

ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan;
