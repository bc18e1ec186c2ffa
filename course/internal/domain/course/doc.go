// Package course holds the course aggregate: courses, their lessons and the
// rules that guard them. It imports the standard library only.
package course
