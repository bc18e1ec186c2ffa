// Package command holds the iam service's state-changing use cases, one file per command.
package command
