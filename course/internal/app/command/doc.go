// Package command holds the course service's state-changing use cases, one file per command.
package command
