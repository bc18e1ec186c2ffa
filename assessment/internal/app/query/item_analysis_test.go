package query_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/exam"
)

// responses is a fixed set of graded attempts.
type responses []query.GradedResponse

func (r responses) GradedResponses(_ context.Context, _ string, _ []string, firstOnly bool) ([]query.GradedResponse, error) {
	if !firstOnly {
		return r, nil
	}
	var out []query.GradedResponse
	for _, x := range r {
		if x.Number == 1 {
			out = append(out, x)
		}
	}
	return out, nil
}

// itemContent is the hand-computed table's test: a true/false question (1
// point), a single choice (1 point, a is right) and a matching (2 points,
// partial credit).
func itemContent() exam.Content {
	return exam.Content{
		Settings: exam.Settings{Title: "Quiz", Results: exam.ResultsOnSubmission, Scoring: exam.ScoreHighest},
		Questions: []exam.Question{
			{ID: "q1", Kind: exam.TrueFalse, Prompt: "Water is wet.", Points: 1, Truth: true},
			{ID: "q2", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 1, Options: []exam.Option{
				{ID: "a", Text: "4", Correct: true}, {ID: "b", Text: "5"}, {ID: "c", Text: "22"},
			}},
			{ID: "q3", Kind: exam.Matching, Prompt: "Capitals.", Points: 2, Pairs: []exam.Pair{
				{ID: "fr", Prompt: "France", Answer: "Paris"}, {ID: "it", Prompt: "Italy", Answer: "Rome"},
			}},
		},
	}
}

// row is one graded attempt of the table.
func row(student string, number int, q1, q2, q3 float64, picks map[string][]string) query.GradedResponse {
	return query.GradedResponse{StudentID: student, Number: number, Picks: picks, Marks: map[string]query.Mark{
		"q1": {Score: q1, Max: 1}, "q2": {Score: q2, Max: 1}, "q3": {Score: q3, Max: 2},
	}}
}

// table is five students' first attempts:
//
//	student  q1  q2  q3  total | q1 picked  q2 picked
//	s1        1   1   2    4   | true       a
//	s2        1   1   1    3   | true       a
//	s3        1   0   1    2   | true       b
//	s4        0   1   0    1   | false      a
//	s5        0   0   0    0   | (blank)    c
//
// By hand (sample standard deviations, n-1):
//   - q1: facility 3/5 = 60%; SD of the share sqrt(1.2/4) = 54.77%; rest
//     scores 3 2 1 1 0, correlation 1.8/sqrt(1.2*5.2) = 72.06%.
//   - q2: facility 60%, SD 54.77%; rest 3 2 2 0 0, correlation
//     0.8/sqrt(1.2*7.2) = 27.22%.
//   - q3: shares 1 .5 .5 0 0, facility 40%, SD sqrt(0.7/4) = 41.83%; rest
//     2 2 1 1 0, correlation 2.2/sqrt(2.8*2.8) = 78.57%.
//   - totals 4 3 2 1 0: mean 2, median 2, SD sqrt(10/4) = 1.58; item
//     variances 0.3 + 0.3 + 0.7 = 1.3, total variance 2.5, Cronbach's alpha
//     3/2 * (1 - 1.3/2.5) = 0.72.
func table() responses {
	return responses{
		row("s1", 1, 1, 1, 2, map[string][]string{"q1": {"true"}, "q2": {"a"}}),
		row("s2", 1, 1, 1, 1, map[string][]string{"q1": {"true"}, "q2": {"a"}}),
		row("s3", 1, 1, 0, 1, map[string][]string{"q1": {"true"}, "q2": {"b"}}),
		row("s4", 1, 0, 1, 0, map[string][]string{"q1": {"false"}, "q2": {"a"}}),
		row("s5", 1, 0, 0, 0, map[string][]string{"q2": {"c"}}),
	}
}

// itemHarness has course c1 taught by teacher, alice enrolled, and a
// published test of itemContent; its item analysis reads rows.
func itemHarness(t *testing.T, rows responses) (app.Queries, string) {
	t.Helper()
	tests, attempts, roster, clock := apptest.NewTests(), apptest.NewAttempts(), apptest.NewRoster(), apptest.NewClock(t0)
	acc := apptest.NewAccommodations()
	cmd := app.New(app.Deps{Tests: tests, Attempts: attempts, Accommodations: acc,
		Roster: roster, Recorder: roster, Clock: clock, IDs: &apptest.IDs{}}, nil).Commands
	ctx := t.Context()
	require.NoError(t, roster.RecordCourse(ctx, "e1", "c1", "teacher", false, t0))
	require.NoError(t, roster.RecordEnrollment(ctx, "e2", "c1", "alice", access.EnrollmentActive, t0))
	tt, err := cmd.CreateTest.Handle(ctx, command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: itemContent()})
	require.NoError(t, err)
	_, err = cmd.PublishTest.Handle(ctx, command.PublishTestInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	q := app.New(app.Deps{Tests: tests, Attempts: attempts, Accommodations: acc, Roster: roster, Clock: clock, Responses: rows}, nil).Queries
	return q, tt.ID()
}

func val(t *testing.T, f *float64) float64 {
	t.Helper()
	require.NotNil(t, f)
	return *f
}

func TestItemAnalysis_MatchesTheHandComputedTable(t *testing.T) {
	t.Parallel()
	q, id := itemHarness(t, table())
	a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
	require.NoError(t, err)
	require.Equal(t, query.FirstAttempts, a.Sample, "the first attempts by default")
	require.Len(t, a.Questions, 3)

	want := []struct {
		id                           string
		mean, facility, sd, discrimi float64
	}{
		{"q1", 0.6, 60, 54.77, 72.06},
		{"q2", 0.6, 60, 54.77, 27.22},
		{"q3", 0.8, 40, 41.83, 78.57},
	}
	for i, w := range want {
		got := a.Questions[i]
		require.Equal(t, w.id, got.Question.ID)
		require.Equal(t, 5, got.Attempts, w.id)
		require.InDelta(t, w.mean, val(t, got.MeanScore), 1e-9, w.id)
		require.InDelta(t, w.facility, val(t, got.Facility), 1e-9, w.id)
		require.InDelta(t, w.sd, val(t, got.SD), 1e-9, w.id)
		require.InDelta(t, w.discrimi, val(t, got.Discrimination), 1e-9, w.id)
	}

	require.Equal(t, []query.OptionCount{{OptionID: "true", Count: 3, Share: 60}, {OptionID: "false", Count: 1, Share: 20}},
		a.Questions[0].Options)
	require.Equal(t, &query.OptionCount{Count: 1, Share: 20}, a.Questions[0].Blank)
	require.Equal(t, []query.OptionCount{{OptionID: "a", Count: 3, Share: 60}, {OptionID: "b", Count: 1, Share: 20},
		{OptionID: "c", Count: 1, Share: 20}}, a.Questions[1].Options)
	require.Equal(t, &query.OptionCount{Count: 0, Share: 0}, a.Questions[1].Blank)
	require.Nil(t, a.Questions[2].Options, "a matching question has no options to count")

	require.Equal(t, 5, a.Test.Attempts)
	require.InDelta(t, 4.0, a.Test.Maximum, 1e-9)
	require.InDelta(t, 2.0, val(t, a.Test.Mean), 1e-9)
	require.InDelta(t, 2.0, val(t, a.Test.Median), 1e-9)
	require.InDelta(t, 1.58, val(t, a.Test.SD), 1e-9)
	require.InDelta(t, 0.72, val(t, a.Test.Alpha), 1e-9)
}

func TestItemAnalysis_FirstAttemptsOrAll(t *testing.T) {
	t.Parallel()
	// s5 retakes the test and gets everything right.
	rows := append(table(), row("s5", 2, 1, 1, 2, map[string][]string{"q1": {"true"}, "q2": {"a"}}))
	q, id := itemHarness(t, rows)

	first, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: query.FirstAttempts})
	require.NoError(t, err)
	require.Equal(t, 5, first.Test.Attempts, "each student's first attempt only")
	require.InDelta(t, 60.0, val(t, first.Questions[0].Facility), 1e-9)

	all, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: query.AllAttempts})
	require.NoError(t, err)
	require.Equal(t, query.AllAttempts, all.Sample)
	require.Equal(t, 6, all.Test.Attempts)
	require.Equal(t, 6, all.Questions[0].Attempts)
	require.InDelta(t, 66.67, val(t, all.Questions[0].Facility), 1e-9, "4 of 6 right")
	require.InDelta(t, 2.0+1.0/3, val(t, all.Test.Mean), 0.005)
}

func TestItemAnalysis_LeavesOutWhatCannotBeComputed(t *testing.T) {
	t.Parallel()
	t.Run("no graded attempt", func(t *testing.T) {
		t.Parallel()
		q, id := itemHarness(t, nil)
		a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
		require.NoError(t, err)
		require.Zero(t, a.Test.Attempts)
		require.Nil(t, a.Test.Mean)
		require.Len(t, a.Questions, 3)
		for _, s := range a.Questions {
			require.Zero(t, s.Attempts)
			require.Nil(t, s.Facility)
			require.Nil(t, s.Discrimination)
			require.Nil(t, s.Options)
		}
	})
	t.Run("one attempt has no spread", func(t *testing.T) {
		t.Parallel()
		q, id := itemHarness(t, table()[:1])
		a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
		require.NoError(t, err)
		require.InDelta(t, 100.0, val(t, a.Questions[0].Facility), 1e-9)
		require.Nil(t, a.Questions[0].SD)
		require.Nil(t, a.Questions[0].Discrimination)
		require.Nil(t, a.Test.SD)
		require.Nil(t, a.Test.Alpha)
	})
	t.Run("everyone right: facility 100%, nothing to discriminate", func(t *testing.T) {
		t.Parallel()
		q, id := itemHarness(t, responses{row("s1", 1, 1, 1, 2, nil), row("s2", 1, 1, 0, 1, nil), row("s3", 1, 1, 1, 0, nil)})
		a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
		require.NoError(t, err)
		require.InDelta(t, 100.0, val(t, a.Questions[0].Facility), 1e-9)
		require.InDelta(t, 0.0, val(t, a.Questions[0].SD), 1e-9)
		require.Nil(t, a.Questions[0].Discrimination)
		require.NotNil(t, a.Questions[1].Discrimination)
	})
	t.Run("a question of an older version only counts the attempts that had it", func(t *testing.T) {
		t.Parallel()
		old := row("s6", 1, 1, 0, 0, nil)
		delete(old.Marks, "q3")
		q, id := itemHarness(t, append(table(), old))
		a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
		require.NoError(t, err)
		require.Equal(t, 6, a.Questions[0].Attempts)
		require.Equal(t, 5, a.Questions[2].Attempts)
		require.InDelta(t, 0.72, val(t, a.Test.Alpha), 1e-9, "alpha over the attempts that had every question")
	})
}

func TestItemAnalysis_IsForTheCoursesGradersOnly(t *testing.T) {
	t.Parallel()
	q, id := itemHarness(t, table())
	_, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: alice, TestID: id, Sample: ""})
	requireSlug(t, err, "forbidden")
	_, err = q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: carol, TestID: id, Sample: ""})
	requireSlug(t, err, "forbidden")
	_, err = q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: other, TestID: id, Sample: ""})
	requireSlug(t, err, "test-not-found")
	_, err = q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: "nope", Sample: ""})
	requireSlug(t, err, "test-not-found")
	_, err = q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: "best"})
	requireSlug(t, err, "invalid-item-analysis-sample")
}

// TestItemAnalysis_CountsEachPairOfAMatchingQuestion: the table's matching
// question by pair: France right in s1's and s2's attempts, Italy in s1's
// and s3's; s4 matched both wrong and s5 left it blank.
func TestItemAnalysis_CountsEachPairOfAMatchingQuestion(t *testing.T) {
	t.Parallel()
	rows := table()
	for i, m := range []map[string]string{
		{"fr": "Paris", "it": "Rome"}, {"fr": "Paris", "it": "Paris"}, {"fr": "Rome", "it": "Rome"}, {"fr": "Rome", "it": "Paris"}, nil,
	} {
		if m != nil {
			rows[i].Answers = map[string]exam.Answer{"q3": {Matches: m}}
		}
	}
	q, id := itemHarness(t, rows)
	a, err := q.AnalyseItems.Handle(t.Context(), query.AnalyseItemsInput{Caller: teacher, TestID: id, Sample: ""})
	require.NoError(t, err)
	require.Equal(t, []query.PartCount{
		{Part: exam.Part{ID: "fr", Label: "France"}, Right: 2, Facility: 40},
		{Part: exam.Part{ID: "it", Label: "Italy"}, Right: 2, Facility: 40},
	}, a.Questions[2].Parts)
	require.Nil(t, a.Questions[0].Parts, "a true/false question has options, not parts")
}
