package gradebook

import (
	"math"
	"sort"
)

// Cell is what the gradebook holds of one student and one item.
type Cell struct {
	// Points is the student's score, nil while there is none (a test
	// without a released attempt, a manual item not graded yet).
	Points *float64
	// Override, when set, counts instead of Points.
	Override *float64
	// Excused leaves the item out of the student's category.
	Excused bool
}

// Counts returns the points that count, if any: the override, else the
// score; an excused item counts nothing.
func (c Cell) Counts() (float64, bool) {
	switch {
	case c.Excused:
		return 0, false
	case c.Override != nil:
		return *c.Override, true
	case c.Points != nil:
		return *c.Points, true
	}
	return 0, false
}

// Student is one student's row of the gradebook.
type Student struct {
	ID string
	// Cells are by item id; an item without a cell has no score.
	Cells map[string]Cell
	// FinalOverride, when set, is the final grade whatever the items give.
	FinalOverride *float64
}

// Result is a student's standing as the rules compute it.
type Result struct {
	// Categories are the percentages of the categories in which something
	// counts, by id, rounded to two decimals.
	Categories map[string]float64
	// Dropped are the items left out as the lowest of their category.
	Dropped map[string]bool
	// Computed is the final grade the items give, nil when nothing counts.
	Computed *float64
	// Final is the final grade: the override when there is one, else
	// Computed.
	Final      *float64
	Overridden bool
	Letter     string
}

// TestPoints scales a test attempt's score to the item's maximum.
func (it Item) TestPoints(points, maximum float64) float64 {
	if maximum <= 0 {
		return 0
	}
	return min(points/maximum, 1) * it.MaxPoints
}

// Compute applies the course's rules to a student's row.
//
// With categories, each category's percentage is the mean of its items'
// percentages, leaving out items without a score and excused ones, and
// dropping the DropLowest lowest (never every one); the final grade is
// the categories' weighted mean, over the categories in which something
// counts (their weights scaled up to 100). Items in no category count
// nowhere. Without categories, the final grade is the mean of the required
// tests' percentages, the rule courses had before categories existed.
// Either way a final override wins, and the letter follows the final grade.
func (s Setup) Compute(st Student) Result {
	r := Result{Categories: map[string]float64{}, Dropped: map[string]bool{}}
	if s.Weighted() {
		var sum, weights float64
		for _, c := range s.Categories {
			pct, ok := s.category(c, st, r.Dropped)
			if !ok {
				continue
			}
			r.Categories[c.ID] = round2(pct)
			sum += pct * c.Weight
			weights += c.Weight
		}
		if weights > 0 {
			r.Computed = ptr(round2(sum / weights))
		}
	} else {
		var pcts []float64
		for _, id := range s.RequiredTests {
			if it, ok := s.Item(id); ok {
				if pts, ok := st.Cells[id].Counts(); ok {
					pcts = append(pcts, percent(pts, it.MaxPoints))
				}
			}
		}
		if len(pcts) > 0 {
			r.Computed = ptr(round2(mean(pcts)))
		}
	}
	r.Final = r.Computed
	if st.FinalOverride != nil {
		r.Final, r.Overridden = ptr(*st.FinalOverride), true
	}
	if r.Final != nil {
		r.Letter = s.Letters.Letter(*r.Final)
	}
	return r
}

// category returns the percentage of one category for the student, after
// dropping its lowest items (recorded in dropped); false when nothing counts.
func (s Setup) category(c Category, st Student, dropped map[string]bool) (float64, bool) {
	type scored struct {
		id  string
		pct float64
	}
	var items []scored
	for _, it := range s.Items {
		if it.CategoryID != c.ID {
			continue
		}
		if pts, ok := st.Cells[it.ID].Counts(); ok {
			items = append(items, scored{it.ID, percent(pts, it.MaxPoints)})
		}
	}
	if len(items) == 0 {
		return 0, false
	}
	// The lowest first; on a tie the item listed first is dropped first.
	sort.SliceStable(items, func(i, j int) bool { return items[i].pct < items[j].pct })
	drop := min(c.DropLowest, len(items)-1)
	for _, it := range items[:drop] {
		dropped[it.id] = true
	}
	pcts := make([]float64, 0, len(items)-drop)
	for _, it := range items[drop:] {
		pcts = append(pcts, it.pct)
	}
	return mean(pcts), true
}

func percent(points, maximum float64) float64 {
	if maximum <= 0 {
		return 0
	}
	return min(points/maximum, 1) * 100
}

func mean(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum / float64(len(v))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func ptr(v float64) *float64 { return &v }
