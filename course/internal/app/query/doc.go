// Package query holds the course service's read use cases, one file per query.
package query
