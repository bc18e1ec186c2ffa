// Package app holds the assessment service's use cases, one file per command or
// query, and the ports they need.
package app

// Application is the set of use cases the transports call.
type Application struct {
	Commands Commands
	Queries  Queries
}

// Commands change state.
type Commands struct{}

// Queries read state.
type Queries struct{}
