// Package exam holds the test aggregate: questions, versions, availability and
// the grading rules. It imports the standard library only.
package exam
