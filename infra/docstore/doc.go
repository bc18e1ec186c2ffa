// Package docstore checks the local stack's document store as the services
// meet it: FerretDB 1.24 over PostgreSQL, set up by infra/stack so that every
// filter the services send is served by an index (infra/stack/ferretdb/
// indexes.sql) and so that many concurrent writes cannot exhaust FerretDB's
// connection pool (infra/stack/ferretdb.sh). Its tests run against the stack;
// its benchmark measures lookups at two collection sizes in one run.
package docstore
