// Package query holds the iam service's read use cases, one file per query.
package query
