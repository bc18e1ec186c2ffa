package enrollment

// Score is a graded test result: points out of a maximum, passed or not.
type Score struct {
	Points  float64
	Maximum float64
	Passed  bool
}

// Best is the score that counts of a test's graded attempts: a pass beats a
// fail, then the higher share of the maximum. It reports false for none.
func Best(attempts []Score) (Score, bool) {
	if len(attempts) == 0 {
		return Score{}, false
	}
	best := attempts[0]
	for _, s := range attempts[1:] {
		if s.Passed != best.Passed {
			if s.Passed {
				best = s
			}
			continue
		}
		if share(s) > share(best) {
			best = s
		}
	}
	return best, true
}

func share(s Score) float64 {
	if s.Maximum <= 0 {
		return 0
	}
	return s.Points / s.Maximum
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
