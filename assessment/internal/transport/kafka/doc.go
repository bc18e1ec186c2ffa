// Package kafka holds the assessment service's idempotent consumers of other contexts' domain events.
package kafka
