// Package command holds the assessment service's state-changing use cases, one file per command.
package command
