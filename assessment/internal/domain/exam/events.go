package exam

import "time"

// Event is something that happened to a test; the repository stores it with
// the change, in the same document write, for the relay to publish.
type Event interface{ isTestEvent() }

// Published says students of the course can take the test, or that a
// published test changed: it carries the current version's numbers.
type Published struct {
	TestID       string
	CourseID     string
	Version      int
	Title        string
	TimeLimit    time.Duration
	MaxScore     float64
	PassingScore float64
	// Opens and Closes bound when attempts may start (zero: unbounded), so
	// readers can remind students before the close.
	Opens, Closes time.Time
	At            time.Time
}

func (Published) isTestEvent() {}
