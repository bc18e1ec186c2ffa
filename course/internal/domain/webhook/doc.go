// Package webhook is the webhook context of the course service: endpoints an
// administrator registers, the deliveries of domain events to them, how a
// delivery is signed (Standard Webhooks) and when a failed one is tried
// again.
package webhook
