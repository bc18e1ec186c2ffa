package test_test

import (
	"time"

	"lms/assessment/internal/domain/test"
)

var t0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

// sample is a valid test of three questions worth 10 points in all.
func sample() test.Content {
	return test.Content{
		Settings: test.Settings{Title: "Week 1 quiz", PassingScore: 5},
		Questions: []test.Question{
			{ID: "q1", Kind: test.SingleChoice, Prompt: "2+2?", Points: 2, Options: []test.Option{
				{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true}, {ID: "c", Text: "5"},
			}},
			{ID: "q2", Kind: test.TrueFalse, Prompt: "The sky is green.", Points: 3, Truth: false},
			{ID: "q3", Kind: test.Essay, Prompt: "Why?", Points: 5},
		},
	}
}
