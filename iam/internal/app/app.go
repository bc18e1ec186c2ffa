// Package app holds the iam service's use cases, one file per command or
// query, and the ports they need.
package app

import (
	"lms/iam/internal/app/caller"
	"lms/iam/internal/app/command"
	"lms/iam/internal/app/query"
)

// Application is the set of use cases the transports call.
type Application struct {
	Auth     *caller.Authenticator
	Commands Commands
	Queries  Queries
}

// Commands change state.
type Commands struct {
	Register         *command.Register
	Login            *command.Login
	Refresh          *command.Refresh
	Logout           *command.Logout
	ChangePassword   *command.ChangePassword
	CreateUser       *command.CreateUser
	SetRoles         *command.SetRoles
	DisableUser      *command.DisableUser
	EnableUser       *command.EnableUser
	EnsureFirstAdmin *command.EnsureFirstAdmin
	SigningKeys      *command.SigningKeys

	StartExternalSignIn  *command.StartExternalSignIn
	FinishExternalSignIn *command.FinishExternalSignIn
	ExchangeSignInCode   *command.ExchangeSignInCode
	UnlinkIdentity       *command.UnlinkIdentity
}

// Queries read state.
type Queries struct {
	GetUser     *query.GetUser
	ListUsers   *query.ListUsers
	SigningKeys *query.SigningKeys

	IdentityProviders *query.IdentityProviders
	ListIdentities    *query.ListIdentities
}
