package exam

import "slices"

func (q Question) validateOrdering(bad func(string, ...any) error) error {
	if len(q.Items) < 2 || len(q.Items) > MaxItems {
		return bad("an ordering question needs 2 to %d items", MaxItems)
	}
	for i, it := range q.Items {
		if !validOptionText(it) {
			return bad("items must be 1 to %d characters", MaxOptionLength)
		}
		if slices.Contains(q.Items[:i], it) {
			return bad("the item %q appears twice", it)
		}
	}
	return nil
}

// checkOrder refuses an ordering answer that is not every item of the
// question exactly once.
func (q Question) checkOrder(order []string, bad func(string, ...any) error) error {
	if len(order) != len(q.Items) {
		return bad("put all %d items in order", len(q.Items))
	}
	for i, it := range order {
		if !slices.Contains(q.Items, it) {
			return bad("%q is not an item of the question", it)
		}
		if slices.Contains(order[:i], it) {
			return bad("the item %q is placed twice", it)
		}
	}
	return nil
}

// orderingShare is the share of the points earned: the items in their right
// place (the same position as in the key) over all items.
func (q Question) orderingShare(order []string) float64 {
	right := 0
	for i, it := range q.Items {
		if i < len(order) && order[i] == it {
			right++
		}
	}
	return float64(right) / float64(len(q.Items))
}
