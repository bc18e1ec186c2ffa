package query

import (
	"math"
	"slices"

	"lms/assessment/internal/domain/exam"
)

// The classical test theory behind item analysis, as Moodle's quiz
// statistics compute it: a question's facility is the mean of its score over
// its maximum, its standard deviation the spread of that share (sample
// standard deviation, n-1), its discrimination index the Pearson correlation
// of its score with the score of the rest of the attempt (the corrected
// item-total correlation), and the test's internal consistency Cronbach's
// alpha (KR-20 when every question scores all or nothing). Shares and
// correlations are percentages rounded to a hundredth; a statistic with too
// few attempts, or no spread to correlate, is absent (nil).

// analyse computes the item analysis of the questions over the sample.
func analyse(questions []exam.Question, sample []GradedResponse) ([]ItemStatistics, TestStatistics) {
	items := make([]ItemStatistics, 0, len(questions))
	for _, q := range questions {
		items = append(items, analyseItem(q, sample))
	}
	return items, analyseTest(questions, sample)
}

// analyseItem computes one question's statistics over the attempts of the
// sample that had it (an attempt on another version may not).
func analyseItem(q exam.Question, sample []GradedResponse) ItemStatistics {
	out := ItemStatistics{Question: q}
	var facility, score, rest []float64
	for _, r := range sample {
		m, ok := r.Marks[q.ID]
		if !ok {
			continue
		}
		out.Attempts++
		if m.Max > 0 {
			facility = append(facility, m.Score/m.Max)
		}
		score = append(score, m.Score)
		rest = append(rest, r.total()-m.Score)
	}
	if out.Attempts == 0 {
		return out
	}
	out.MeanScore = ptr(exam.Round(mean(score)))
	if len(facility) > 0 {
		out.Facility = percent(mean(facility))
	}
	if sd, ok := sampleSD(facility); ok {
		out.SD = percent(sd)
	}
	if r, ok := pearson(score, rest); ok {
		out.Discrimination = percent(r)
	}
	out.Options, out.Blank = optionCounts(q, sample, out.Attempts)
	out.Parts = partCounts(q, sample, out.Attempts)
	return out
}

// optionCounts counts how often each option of a choice question was
// picked, in the question's order, and how many attempts left it blank;
// nil for other kinds.
func optionCounts(q exam.Question, sample []GradedResponse, n int) ([]OptionCount, *OptionCount) {
	var ids []string
	switch q.Kind {
	case exam.SingleChoice, exam.MultipleChoice:
		for _, o := range q.Options {
			ids = append(ids, o.ID)
		}
	case exam.TrueFalse:
		ids = []string{TrueOption, FalseOption}
	default:
		return nil, nil
	}
	counts := make([]OptionCount, len(ids))
	for i, id := range ids {
		counts[i].OptionID = id
	}
	blank := &OptionCount{}
	for _, r := range sample {
		if _, ok := r.Marks[q.ID]; !ok {
			continue
		}
		picked := r.Picks[q.ID]
		if len(picked) == 0 {
			blank.Count++
			continue
		}
		for i, id := range ids {
			if slices.Contains(picked, id) {
				counts[i].Count++
			}
		}
	}
	share := func(c int) float64 { return math.Round(float64(c)/float64(n)*10_000) / 100 }
	for i := range counts {
		counts[i].Share = share(counts[i].Count)
	}
	blank.Share = share(blank.Count)
	return counts, blank
}

// analyseTest computes the test-level statistics of the sample: the totals
// of its attempts (before any late penalty) and, over the attempts that had
// every question of the current version, Cronbach's alpha.
func analyseTest(questions []exam.Question, sample []GradedResponse) TestStatistics {
	out := TestStatistics{Attempts: len(sample)}
	for _, q := range questions {
		out.Maximum += q.Points
	}
	out.Maximum = exam.Round(out.Maximum)
	if len(sample) == 0 {
		return out
	}
	totals := make([]float64, len(sample))
	for i, r := range sample {
		totals[i] = r.total()
	}
	out.Mean = ptr(exam.Round(mean(totals)))
	out.Median = ptr(exam.Round(median(totals)))
	if sd, ok := sampleSD(totals); ok {
		out.SD = ptr(exam.Round(sd))
	}
	if a, ok := cronbachAlpha(questions, sample); ok {
		out.Alpha = ptr(math.Round(a*10_000) / 10_000)
	}
	return out
}

// cronbachAlpha is k/(k-1) * (1 - sum of the questions' variances / the
// variance of the totals), over the attempts that had all k questions.
func cronbachAlpha(questions []exam.Question, sample []GradedResponse) (float64, bool) {
	k := len(questions)
	if k < 2 {
		return 0, false
	}
	cols := make([][]float64, k)
	var totals []float64
	for _, r := range sample {
		row := make([]float64, k)
		complete := true
		for j, q := range questions {
			m, ok := r.Marks[q.ID]
			if !ok {
				complete = false
				break
			}
			row[j] = m.Score
		}
		if !complete {
			continue
		}
		var t float64
		for j, x := range row {
			cols[j] = append(cols[j], x)
			t += x
		}
		totals = append(totals, t)
	}
	vt, ok := variance(totals)
	if !ok || vt == 0 {
		return 0, false
	}
	var sum float64
	for _, c := range cols {
		v, _ := variance(c)
		sum += v
	}
	return float64(k) / float64(k-1) * (1 - sum/vt), true
}

func (r GradedResponse) total() float64 {
	var t float64
	for _, m := range r.Marks {
		t += m.Score
	}
	return t
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// variance is the sample variance (n-1); it needs two values.
func variance(xs []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	m := mean(xs)
	var s float64
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1), true
}

func sampleSD(xs []float64) (float64, bool) {
	v, ok := variance(xs)
	return math.Sqrt(v), ok
}

// pearson is the correlation of xs and ys; it needs two pairs and spread
// in both.
func pearson(xs, ys []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	mx, my := mean(xs), mean(ys)
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	// Scores are in hundredths: a spread below this is float noise.
	const eps = 1e-12
	if sxx < eps || syy < eps {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}

// percent is a share as a percentage rounded to a hundredth.
func percent(share float64) *float64 { return ptr(math.Round(share*10_000) / 100) }

func ptr(f float64) *float64 { return &f }
