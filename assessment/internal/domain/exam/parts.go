package exam

import "strconv"

// Part is one graded part of a question with partial credit by parts: a
// pair of a matching question (its id and prompt), a position of an
// ordering question (its number from 1 and the item that belongs there), a
// gap of a fill-in-the-blanks question (its id).
type Part struct{ ID, Label string }

// Parts returns the question's parts in the teacher's order; nil for the
// kinds graded as a whole.
func (q Question) Parts() []Part {
	var out []Part
	switch q.Kind {
	case Matching:
		for _, p := range q.Pairs {
			out = append(out, Part{ID: p.ID, Label: p.Prompt})
		}
	case Ordering:
		for i, it := range q.Items {
			out = append(out, Part{ID: strconv.Itoa(i + 1), Label: it})
		}
	case FillInTheBlanks:
		for _, g := range q.Gaps {
			out = append(out, Part{ID: g.ID, Label: g.ID})
		}
	}
	return out
}

// PartsRight tells, for each of the question's parts in order, whether the
// answer has it right under the rules that grade it (an answer left blank
// has none right).
func (q Question) PartsRight(a Answer) []bool {
	var out []bool
	switch q.Kind {
	case Matching:
		for _, p := range q.Pairs {
			out = append(out, a.Matches[p.ID] == p.Answer)
		}
	case Ordering:
		for i, it := range q.Items {
			out = append(out, i < len(a.Order) && a.Order[i] == it)
		}
	case FillInTheBlanks:
		for _, g := range q.Gaps {
			out = append(out, g.accepts(a.Gaps[g.ID]))
		}
	}
	return out
}
