// Package mongo stores the assessment service's aggregates in MongoDB: repositories, migrations and the event outbox.
package mongo
