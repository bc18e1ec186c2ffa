package exam_test

import (
	"time"

	"lms/assessment/internal/domain/exam"
)

var t0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

// sample is a valid test of three questions worth 10 points in all.
func sample() exam.Content {
	return exam.Content{
		Settings: exam.Settings{Title: "Week 1 quiz", PassingScore: 5},
		Questions: []exam.Question{
			{ID: "q1", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 2, Options: []exam.Option{
				{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true}, {ID: "c", Text: "5"},
			}},
			{ID: "q2", Kind: exam.TrueFalse, Prompt: "The sky is green.", Points: 3, Truth: false},
			{ID: "q3", Kind: exam.Essay, Prompt: "Why?", Points: 5},
		},
	}
}
