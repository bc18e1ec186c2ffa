package gradebook_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/gradebook"
)

func pts(v float64) *float64 { return &v }

func graded(v float64) gradebook.Cell { return gradebook.Cell{Points: pts(v)} }

// setup is tests 60 % (drop the lowest one) and assignments 40 %, three
// tests of 100, 60 and 50 points and two assignments of 20 and 50.
func setup(t *testing.T) gradebook.Setup {
	t.Helper()
	var s gradebook.Setup
	require.NoError(t, s.SetCategories([]gradebook.Category{
		{ID: "tests", Name: "Tests", Weight: 60, DropLowest: 1}, {ID: "assignments", Name: "Assignments", Weight: 40}}))
	for _, it := range []gradebook.Item{
		{ID: "t1", Kind: gradebook.KindTest, MaxPoints: 100, CategoryID: "tests"},
		{ID: "t2", Kind: gradebook.KindTest, MaxPoints: 60, CategoryID: "tests"},
		{ID: "t3", Kind: gradebook.KindTest, MaxPoints: 50, CategoryID: "tests"},
		{ID: "a1", Kind: gradebook.KindManual, Title: "Assignment 1", MaxPoints: 20, CategoryID: "assignments"},
		{ID: "a2", Kind: gradebook.KindManual, Title: "Assignment 2", MaxPoints: 50, CategoryID: "assignments"},
	} {
		_, err := s.PutItem(it)
		require.NoError(t, err)
	}
	require.NoError(t, s.SetLetters(gradebook.Scheme{{"A", 90, 100}, {"B", 80, 90}, {"C", 70, 80}, {"D", 60, 70}, {"F", 0, 60}}))
	return s
}

func TestSetup_Compute(t *testing.T) {
	t.Parallel()
	s := setup(t)
	row := func() gradebook.Student {
		return gradebook.Student{ID: "s", Cells: map[string]gradebook.Cell{
			"t1": graded(80), "t2": graded(45), "t3": graded(30), "a1": graded(18), "a2": graded(35)}}
	}
	tests := []struct {
		name     string
		change   func(*gradebook.Student)
		final    float64
		letter   string
		dropped  []string
		category map[string]float64
	}{
		{"weights the categories and drops the lowest test", func(*gradebook.Student) {}, 78.5, "C", []string{"t3"},
			map[string]float64{"tests": 77.5, "assignments": 80}},
		{"leaves an excused item out of its category", func(st *gradebook.Student) {
			c := st.Cells["a2"]
			c.Excused = true
			st.Cells["a2"] = c
		}, 82.5, "B", []string{"t3"}, map[string]float64{"tests": 77.5, "assignments": 90}},
		{"counts an item's override instead of its score", func(st *gradebook.Student) {
			c := st.Cells["t3"]
			c.Override = pts(50)
			st.Cells["t3"] = c
		}, 86, "B", []string{"t2"}, map[string]float64{"tests": 90, "assignments": 80}},
		{"a final override wins", func(st *gradebook.Student) { st.FinalOverride = pts(95) }, 95, "A", []string{"t3"}, nil},
		{"scales the weights of categories where nothing counts yet", func(st *gradebook.Student) {
			delete(st.Cells, "a1")
			delete(st.Cells, "a2")
		}, 77.5, "C", []string{"t3"}, map[string]float64{"tests": 77.5}},
		{"never drops the only item", func(st *gradebook.Student) {
			delete(st.Cells, "t1")
			delete(st.Cells, "t2")
		}, 0.6*60 + 0.4*80, "D", nil, map[string]float64{"tests": 60, "assignments": 80}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := row()
			tt.change(&st)
			r := s.Compute(st)
			require.NotNil(t, r.Final)
			require.InDelta(t, tt.final, *r.Final, 1e-9)
			require.Equal(t, tt.letter, r.Letter)
			for _, id := range tt.dropped {
				require.True(t, r.Dropped[id], "%s dropped", id)
			}
			require.Len(t, r.Dropped, len(tt.dropped))
			if tt.category != nil {
				require.Equal(t, tt.category, r.Categories)
			}
		})
	}
}

func TestSetup_Compute_withoutCategories(t *testing.T) {
	t.Parallel()
	s := gradebook.Setup{RequiredTests: []string{"t1", "t2"}, Items: []gradebook.Item{
		{ID: "t1", Kind: gradebook.KindTest, MaxPoints: 100}, {ID: "t2", Kind: gradebook.KindTest, MaxPoints: 100},
		{ID: "a1", Kind: gradebook.KindManual, MaxPoints: 10}}}
	r := s.Compute(gradebook.Student{Cells: map[string]gradebook.Cell{"t1": graded(70), "t2": graded(85), "a1": graded(1)}})
	require.Equal(t, 77.5, *r.Final, "the mean of the required tests, as before categories")
	require.Empty(t, r.Letter)
	require.Nil(t, s.Compute(gradebook.Student{}).Final, "nothing graded, no final grade")
}

func TestSetup_Validation(t *testing.T) {
	t.Parallel()
	s := setup(t)
	require.ErrorIs(t, s.SetCategories([]gradebook.Category{{ID: "tests", Name: "Tests", Weight: 60}, {ID: "x", Name: "X", Weight: 30}}),
		gradebook.ErrWeightsNot100)
	require.ErrorIs(t, s.SetCategories([]gradebook.Category{{ID: "tests", Name: "Tests", Weight: 100}}), gradebook.ErrCategoryInUse,
		"the assignments still have items")
	require.ErrorIs(t, s.SetCategories([]gradebook.Category{{ID: "a", Name: "A", Weight: 50}, {ID: "a", Name: "B", Weight: 50}}),
		gradebook.ErrDuplicateCategory)
	_, err := s.PutItem(gradebook.Item{ID: "t1", Kind: gradebook.KindManual, Title: "x", MaxPoints: 1})
	require.ErrorIs(t, err, gradebook.ErrItemKindFixed)
	_, err = s.PutItem(gradebook.Item{ID: "a3", Kind: gradebook.KindManual, Title: "x", MaxPoints: 1, CategoryID: "nope"})
	require.ErrorIs(t, err, gradebook.ErrCategoryNotFound)
	_, err = s.CheckManualPoints("a1", 21)
	require.ErrorIs(t, err, gradebook.ErrInvalidPoints)
	_, err = s.CheckManualPoints("t1", 5)
	require.ErrorIs(t, err, gradebook.ErrNotManualItem)
	_, err = s.CheckItemOverride("t1", 5, " ")
	require.ErrorIs(t, err, gradebook.ErrReasonRequired)
	_, err = gradebook.OverrideFinal{StudentID: "s"}.Apply(&s)
	require.NoError(t, err, "removing an override needs no reason")
	_, err = gradebook.Excuse{StudentID: "s", ItemID: "a1", Reason: "nul \x00"}.Apply(&s)
	require.ErrorIs(t, err, gradebook.ErrReasonRequired, "but a reason given is checked")

	for name, bands := range map[string]gradebook.Scheme{
		"a gap":               {{"A", 90, 100}, {"B", 70, 85}, {"F", 0, 70}},
		"an overlap":          {{"A", 85, 100}, {"B", 70, 90}, {"F", 0, 70}},
		"not up to 100":       {{"A", 90, 99}, {"F", 0, 90}},
		"not down to 0":       {{"A", 90, 100}, {"F", 10, 90}},
		"out of order":        {{"F", 0, 60}, {"A", 60, 100}},
		"an empty letter":     {{"", 50, 100}, {"F", 0, 50}},
		"one letter twice":    {{"A", 50, 100}, {"A", 0, 50}},
		"a band of no length": {{"A", 100, 100}, {"F", 0, 100}},
	} {
		require.ErrorIs(t, s.SetLetters(bands), gradebook.ErrInvalidScheme, name)
	}
	sc := gradebook.Scheme{{"P", 50, 100}, {"F", 0, 50}}
	require.Equal(t, "P", sc.Letter(100))
	require.Equal(t, "P", sc.Letter(50))
	require.Equal(t, "F", sc.Letter(49.99))
}
