// Package attempt holds the attempt aggregate: answers, the deadline the server
// keeps, submission and scores. It imports the standard library only.
package attempt
