// Package port declares the ports the assessment service's commands and
// queries both use: the clock and the maker of ids.
package port

import "time"

// Clock tells the time; tests move it by hand.
type Clock interface{ Now() time.Time }

// IDs makes new identifiers and shuffling seeds.
type IDs interface {
	// NewID returns a new unique id (a UUIDv7).
	NewID() string
	// NewSeed returns a random seed that fixes an attempt's order.
	NewSeed() uint64
}
