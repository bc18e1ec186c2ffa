package query

import "lms/assessment/internal/domain/exam"

// partCounts counts, for each part of a matching, ordering or
// fill-in-the-blanks question, the attempts of the sample that had the
// question and that part right (a blank answer has none right); nil for
// other kinds. Each part's facility is over the question's n attempts.
func partCounts(q exam.Question, sample []GradedResponse, n int) []PartCount {
	parts := q.Parts()
	if len(parts) == 0 || n == 0 {
		return nil
	}
	out := make([]PartCount, len(parts))
	for i, p := range parts {
		out[i].Part = p
	}
	for _, r := range sample {
		if _, ok := r.Marks[q.ID]; !ok {
			continue
		}
		for i, right := range q.PartsRight(r.Answers[q.ID]) {
			if right {
				out[i].Right++
			}
		}
	}
	for i := range out {
		out[i].Facility = *percent(float64(out[i].Right) / float64(n))
	}
	return out
}
