// Package app holds the assessment service's use cases (packages command and
// query), the access rules they share (package access), and assembles them
// for the transports.
package app

import (
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
)

// Application is the set of use cases the transports call.
type Application struct {
	Commands command.Handlers
	Queries  query.Handlers
}
