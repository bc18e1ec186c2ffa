// Package app holds the gateway's use cases: authenticating callers and
// answering the identity routes through iam.
package app

// Application is the set of use cases the HTTP transport calls.
type Application struct{}
