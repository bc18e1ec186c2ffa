package apptest

import (
	"time"

	"lms/assessment/internal/domain/exam"
)

// T0 is the contract tests' starting time, in whole milliseconds as MongoDB
// stores times.
var T0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

// SampleContent is a valid test of every question kind, worth 29 points.
func SampleContent() exam.Content {
	return exam.Content{
		Settings: exam.Settings{
			Title: "Midterm", Instructions: "No notes.", TimeLimit: time.Hour, MaxAttempts: 3,
			Scoring: exam.ScoreLatest, Opens: T0.Add(-time.Hour), Closes: T0.Add(48 * time.Hour),
			Late:         exam.LatePolicy{Accept: true, PenaltyPercent: 10, Until: T0.Add(72 * time.Hour)},
			PassingScore: 12, ShuffleQuestions: true, ShuffleOptions: true, Results: exam.ResultsOnRelease,
		},
		Questions: []exam.Question{
			{ID: "single", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 2, Feedback: "Count.", Options: []exam.Option{
				{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true},
			}},
			{ID: "multi", Kind: exam.MultipleChoice, Prompt: "Primes?", Points: 3, PartialCredit: true, Options: []exam.Option{
				{ID: "a", Text: "2", Correct: true}, {ID: "b", Text: "3", Correct: true}, {ID: "c", Text: "4"},
			}},
			{ID: "tf", Kind: exam.TrueFalse, Prompt: "Water is wet.", Points: 1, Truth: true},
			{ID: "short", Kind: exam.ShortText, Prompt: "Capital of France?", Points: 2, AcceptedAnswers: []string{"Paris"}, Pattern: "paris,? france"},
			{ID: "num", Kind: exam.Numeric, Prompt: "pi?", Points: 2, Value: 3.14159, Tolerance: 0.001},
			{ID: "essay", Kind: exam.Essay, Prompt: "Discuss.", Points: 10},
			{ID: "match", Kind: exam.Matching, Prompt: "Capitals.", Points: 3, Pairs: []exam.Pair{
				{ID: "fr", Prompt: "France", Answer: "Paris"}, {ID: "it", Prompt: "Italy", Answer: "Rome"}, {ID: "es", Prompt: "Spain", Answer: "Madrid"},
			}, Distractors: []string{"Lyon"}},
			{ID: "order", Kind: exam.Ordering, Prompt: "Oldest first.", Points: 4, Items: []string{"Rome", "Byzantium", "Venice", "Italy"}},
			{ID: "blanks", Kind: exam.FillInTheBlanks, Prompt: "Water boils at {{temp}} degrees at {{where}} level.", Points: 2, Gaps: []exam.Gap{
				{ID: "temp", AcceptedAnswers: []string{"100"}, Trim: true}, {ID: "where", AcceptedAnswers: []string{"sea"}, CaseSensitive: true},
			}},
		},
	}
}
