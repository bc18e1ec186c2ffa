// Package gradebook holds a course's weighted gradebook: its categories and
// items, the letter-grade scheme, and the rules that turn a student's
// scores, excused items and overrides into a final grade. It imports the
// standard library and shared/errs only.
package gradebook
