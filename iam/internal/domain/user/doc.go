// Package user holds the user aggregate: identity, roles, status and the
// password rules. It imports the standard library only.
package user
