// Package session holds the gateway's view of an authenticated caller: the
// verified claims of an access token. It imports the standard library only.
package session
