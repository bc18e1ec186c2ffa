// Package query holds the assessment service's read use cases, one file per query.
package query
