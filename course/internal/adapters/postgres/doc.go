// Package postgres stores the course service's aggregates in PostgreSQL: repositories, migrations and the event outbox.
package postgres
