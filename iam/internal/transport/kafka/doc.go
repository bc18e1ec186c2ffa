// Package kafka holds the iam service's idempotent consumers of other contexts' domain events.
package kafka
