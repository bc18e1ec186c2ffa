// Package accommodation holds what a teacher grants one student at one test
// beyond its settings: extra time (a factor of the time limit and minutes),
// a later close, extra attempts. Each change is kept with who made it, when
// and why. The terms are totals, not increments: granting the same terms
// again changes nothing.
package accommodation
