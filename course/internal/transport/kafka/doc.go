// Package kafka holds the course service's idempotent consumers of other contexts' domain events.
package kafka
