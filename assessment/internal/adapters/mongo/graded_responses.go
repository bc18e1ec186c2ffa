package mongo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/mongodb"
)

// GradedResponseReader reads graded attempts for item analysis with a
// projection: the scores and the answers of the choice, matching, ordering
// and fill-in-the-blanks questions, never the essays' texts, the other
// answers, the regrades or the pending items.
type GradedResponseReader struct{ c mongodb.Collection }

var _ query.GradedResponses = (*GradedResponseReader)(nil)

// GradedResponses returns the reader of graded attempts for item analysis.
func (s *Store) GradedResponses() *GradedResponseReader {
	return &GradedResponseReader{c: s.collection(collAttempts)}
}

// gradedResponseDoc is the projected part of an attemptDoc.
type gradedResponseDoc struct {
	StudentID string                     `bson:"student_id"`
	Number    int                        `bson:"number"`
	Results   map[string]gradedResultDoc `bson:"results"`
	Answers   map[string]gradedAnswerDoc `bson:"answers"`
}

type gradedResultDoc struct {
	Max    float64  `bson:"max"`
	Auto   float64  `bson:"auto"`
	Manual *float64 `bson:"manual"`
}

type gradedAnswerDoc struct {
	Options []string          `bson:"options"`
	Bool    *bool             `bson:"bool"`
	Matches map[string]string `bson:"matches"`
	Order   []string          `bson:"order"`
	Gaps    map[string]string `bson:"gaps"`
}

// GradedResponses implements query.GradedResponses. The filter holds
// equalities only (test_id, served by its index on FerretDB too, state and
// number), which FerretDB pushes down to PostgreSQL.
// Question ids are letters, digits, '-' and '_', so they are safe in a
// projection path.
func (r *GradedResponseReader) GradedResponses(ctx context.Context, testID string, answered []string, firstOnly bool) ([]query.GradedResponse, error) {
	projection := bson.M{"_id": 0, "student_id": 1, "number": 1, "results": 1}
	for _, q := range answered {
		for _, field := range []string{"options", "bool", "matches", "order", "gaps"} {
			projection["answers."+q+"."+field] = 1
		}
	}
	filter := bson.M{"test_id": testID, "state": string(attempt.StateGraded)}
	if firstOnly {
		filter["number"] = 1
	}
	var docs []gradedResponseDoc
	// Sorted here, not by the query: FerretDB 1.24 sorts in its own process
	// after reading every document, which cost it a third more time.
	if err := r.c.FindAll(ctx, filter, &docs, options.Find().SetProjection(projection)); err != nil {
		return nil, fmt.Errorf("graded attempts at %s: %w", testID, err)
	}
	out := make([]query.GradedResponse, len(docs))
	for i, d := range docs {
		g := query.GradedResponse{StudentID: d.StudentID, Number: d.Number,
			Marks: make(map[string]query.Mark, len(d.Results)), Picks: map[string][]string{}, Answers: map[string]exam.Answer{}}
		for qid, res := range d.Results {
			m := query.Mark{Score: res.Auto, Max: res.Max}
			if res.Manual != nil {
				m.Score = *res.Manual
			}
			g.Marks[qid] = m
		}
		for qid, a := range d.Answers {
			switch {
			case len(a.Options) > 0:
				g.Picks[qid] = a.Options
			case a.Bool != nil && *a.Bool:
				g.Picks[qid] = []string{query.TrueOption}
			case a.Bool != nil:
				g.Picks[qid] = []string{query.FalseOption}
			case len(a.Matches) > 0 || len(a.Order) > 0 || len(a.Gaps) > 0:
				g.Answers[qid] = exam.Answer{Matches: a.Matches, Order: a.Order, Gaps: a.Gaps}
			}
		}
		out[i] = g
	}
	slices.SortFunc(out, func(a, b query.GradedResponse) int {
		return cmp.Or(strings.Compare(a.StudentID, b.StudentID), cmp.Compare(a.Number, b.Number))
	})
	return out, nil
}
