package exam

import "math"

// Points are kept in hundredths of a point: every score a question awards is
// rounded to a hundredth, and totals add those rounded scores, so a total is
// always the sum of the per-question scores a student and a teacher can read.
const pointsScale = 100

// MaxPoints bounds the points of one question.
const MaxPoints = 1000

// Round rounds p to the nearest hundredth of a point, halves away from zero.
// A nudge far below a hundredth keeps float error from turning a half down:
// 15% of 8.5 is 1.275, which float arithmetic computes as 1.27499999…
func Round(p float64) float64 {
	return math.Round(p*pointsScale+math.Copysign(roundingNudge, p)) / pointsScale
}

// roundingNudge is far above float error at these magnitudes and far below
// any difference a score can meaningfully have.
const roundingNudge = 1e-6

// Sum adds scores and rounds the result, so that float arithmetic never leaves
// a total such as 2.9999999999999996.
func Sum(scores ...float64) float64 {
	var total float64
	for _, s := range scores {
		total += s
	}
	return Round(total)
}

// inHundredths reports whether p is a whole number of hundredths.
func inHundredths(p float64) bool {
	return math.Abs(p*pointsScale-math.Round(p*pointsScale)) < 1e-6
}

// validPoints reports whether p can be the points of a question.
func validPoints(p float64) bool {
	return p > 0 && p <= MaxPoints && inHundredths(p)
}

// ValidScore reports whether s can be awarded for a question worth max points.
func ValidScore(s, max float64) bool {
	return !math.IsNaN(s) && s >= 0 && s <= max && inHundredths(s)
}
