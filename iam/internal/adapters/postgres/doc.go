// Package postgres stores the iam service's aggregates in PostgreSQL (bun with
// pgdialect): users, sessions, login throttles and signing keys, the embedded
// migrations that create their tables, and the outbox rows of user events.
package postgres
