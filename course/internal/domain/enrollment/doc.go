// Package enrollment holds the enrollment aggregate: its states, the waitlist
// and lesson progress. It imports the standard library only.
package enrollment
