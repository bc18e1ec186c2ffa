package enrollment

// Score is a graded test result: points out of a maximum.
type Score struct {
	Points  float64
	Maximum float64
}

// FinalGrade is the mean of the scores as percentages, rounded to two
// decimals; a course without graded tests completes with 100.
func FinalGrade(scores []Score) float64 {
	if len(scores) == 0 {
		return 100
	}
	var sum float64
	for _, s := range scores {
		if s.Maximum > 0 {
			sum += min(s.Points/s.Maximum, 1) * 100
		}
	}
	mean := sum / float64(len(scores))
	return float64(int64(mean*100+0.5)) / 100
}
