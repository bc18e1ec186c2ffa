package exam

// Combine returns the score that counts for a student's graded attempts,
// given in the order they were made, and false when there is none: the
// highest, the latest, or the average rounded to a hundredth of a point.
func (p ScoringPolicy) Combine(scores []float64) (float64, bool) {
	if len(scores) == 0 {
		return 0, false
	}
	switch p {
	case ScoreLatest:
		return scores[len(scores)-1], true
	case ScoreAverage:
		return Round(Sum(scores...) / float64(len(scores))), true
	default:
		best := scores[0]
		for _, s := range scores[1:] {
			best = max(best, s)
		}
		return best, true
	}
}
