package apptest

import (
	"time"

	"lms/assessment/internal/domain/test"
)

// T0 is the contract tests' starting time, in whole milliseconds as MongoDB
// stores times.
var T0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

// SampleContent is a valid test of every question kind, worth 20 points.
func SampleContent() test.Content {
	return test.Content{
		Settings: test.Settings{
			Title: "Midterm", Instructions: "No notes.", TimeLimit: time.Hour, MaxAttempts: 3,
			Scoring: test.ScoreLatest, Opens: T0.Add(-time.Hour), Closes: T0.Add(48 * time.Hour),
			Late:         test.LatePolicy{Accept: true, PenaltyPercent: 10, Until: T0.Add(72 * time.Hour)},
			PassingScore: 12, ShuffleQuestions: true, ShuffleOptions: true, Results: test.ResultsOnRelease,
		},
		Questions: []test.Question{
			{ID: "single", Kind: test.SingleChoice, Prompt: "2+2?", Points: 2, Feedback: "Count.", Options: []test.Option{
				{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true},
			}},
			{ID: "multi", Kind: test.MultipleChoice, Prompt: "Primes?", Points: 3, PartialCredit: true, Options: []test.Option{
				{ID: "a", Text: "2", Correct: true}, {ID: "b", Text: "3", Correct: true}, {ID: "c", Text: "4"},
			}},
			{ID: "tf", Kind: test.TrueFalse, Prompt: "Water is wet.", Points: 1, Truth: true},
			{ID: "short", Kind: test.ShortText, Prompt: "Capital of France?", Points: 2, AcceptedAnswers: []string{"Paris"}, Pattern: "paris,? france"},
			{ID: "num", Kind: test.Numeric, Prompt: "pi?", Points: 2, Value: 3.14159, Tolerance: 0.001},
			{ID: "essay", Kind: test.Essay, Prompt: "Discuss.", Points: 10},
		},
	}
}
