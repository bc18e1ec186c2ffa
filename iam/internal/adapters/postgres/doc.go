// Package postgres stores the iam service's aggregates in PostgreSQL: repositories, migrations and the event outbox.
package postgres
