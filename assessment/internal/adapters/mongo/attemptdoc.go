package mongo

import (
	"time"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// attemptDoc is an attempt as stored. Answers live in a map keyed by question
// id, so each save sets one field and concurrent saves of different questions
// never overwrite each other.
type attemptDoc struct {
	ID        string     `bson:"_id"`
	TestID    string     `bson:"test_id"`
	CourseID  string     `bson:"course_id"`
	StudentID string     `bson:"student_id"`
	Version   int        `bson:"version"`
	Number    int        `bson:"number"`
	State     string     `bson:"state"`
	ActiveKey string     `bson:"active_key"`
	Seed      int64      `bson:"seed"`
	StartedAt time.Time  `bson:"started_at"`
	Deadline  *time.Time `bson:"deadline"`
	// Closes is the student's own close when the attempt started.
	Closes *time.Time `bson:"closes_at,omitempty"`
	// Drawn are the questions drawn from the bank at the start, each a
	// copy of the version drawn.
	Drawn       []drawnDoc           `bson:"drawn,omitempty"`
	Answers     map[string]answerDoc `bson:"answers"`
	SubmittedAt *time.Time           `bson:"submitted_at"`
	SubmittedBy string               `bson:"submitted_by"`
	Late        bool                 `bson:"late"`
	Results     map[string]resultDoc `bson:"results"`
	Score       float64              `bson:"score"`
	Maximum     float64              `bson:"maximum"`
	Penalty     float64              `bson:"penalty"`
	Passed      bool                 `bson:"passed"`
	GradedAt    *time.Time           `bson:"graded_at"`
	GradedBy    string               `bson:"graded_by"`
	Overdue     string               `bson:"overdue"`
	ReleasedAt  *time.Time           `bson:"released_at"`
	Regrades    []regradeDoc         `bson:"regrades,omitempty"`
	// Fixes are the test's regrades applied to the attempt.
	Fixes []fixDoc `bson:"fixes,omitempty"`
	Rev   int64    `bson:"rev"`
}

// drawnDoc is one question drawn from the bank for the attempt.
type drawnDoc struct {
	DrawID   string      `bson:"draw_id"`
	Version  int         `bson:"version"`
	Question questionDoc `bson:"question"`
}

// regradeDoc is one score a teacher changed after grading.
type regradeDoc struct {
	QuestionID string    `bson:"question_id"`
	Previous   float64   `bson:"previous"`
	Score      float64   `bson:"score"`
	Feedback   string    `bson:"feedback,omitempty"`
	By         string    `bson:"by"`
	Reason     string    `bson:"reason"`
	At         time.Time `bson:"at"`
}

type answerDoc struct {
	Options []string          `bson:"options,omitempty"`
	Bool    *bool             `bson:"bool,omitempty"`
	Text    string            `bson:"text,omitempty"`
	Number  *float64          `bson:"number,omitempty"`
	Matches map[string]string `bson:"matches,omitempty"`
	Order   []string          `bson:"order,omitempty"`
	Gaps    map[string]string `bson:"gaps,omitempty"`
	SavedAt time.Time         `bson:"saved_at"`
}

type resultDoc struct {
	Max      float64    `bson:"max"`
	Auto     float64    `bson:"auto"`
	Correct  bool       `bson:"correct"`
	Essay    bool       `bson:"essay"`
	Manual   *float64   `bson:"manual"`
	Feedback string     `bson:"feedback,omitempty"`
	GradedBy string     `bson:"graded_by,omitempty"`
	GradedAt *time.Time `bson:"graded_at"`
}

// activeKey is unique across attempts: the test and student while the
// attempt is in progress, so a second attempt in progress cannot be stored,
// and the attempt's own id otherwise.
func activeKey(s attempt.Snapshot) string {
	if s.State == attempt.StateInProgress {
		return s.TestID + "/" + s.StudentID
	}
	return s.ID
}

func fromAnswer(a attempt.SavedAnswer) answerDoc {
	return answerDoc{
		Options: a.Answer.Options, Bool: a.Answer.Bool, Text: a.Answer.Text, Number: a.Answer.Number,
		Matches: a.Answer.Matches, Order: a.Answer.Order, Gaps: a.Answer.Gaps, SavedAt: a.SavedAt.UTC(),
	}
}

func fromAttempt(a *attempt.Attempt) attemptDoc {
	s := a.Snapshot()
	d := attemptDoc{
		ID: s.ID, TestID: s.TestID, CourseID: s.CourseID, StudentID: s.StudentID, Version: s.Version, Number: s.Number,
		State: string(s.State), ActiveKey: activeKey(s), Seed: int64(s.Seed), //nolint:gosec // the seed's bits, stored as they are
		StartedAt: s.StartedAt.UTC(), Deadline: timePtr(s.Deadline), Answers: map[string]answerDoc{},
		SubmittedAt: timePtr(s.SubmittedAt), SubmittedBy: string(s.SubmittedBy), Late: s.Late,
		Score: s.Score, Maximum: s.Maximum, Penalty: s.Penalty, Passed: s.Passed,
		GradedAt: timePtr(s.GradedAt), GradedBy: s.GradedBy, Overdue: s.Overdue, ReleasedAt: timePtr(s.ReleasedAt),
		Fixes: fromFixes(s.Fixes), Closes: timePtr(s.Closes),
	}
	for _, x := range s.Drawn {
		d.Drawn = append(d.Drawn, drawnDoc{DrawID: x.DrawID, Version: x.Version, Question: fromQuestion(x.Question)})
	}
	for _, r := range s.Regrades {
		d.Regrades = append(d.Regrades, regradeDoc{QuestionID: r.QuestionID, Previous: r.Previous, Score: r.Score,
			Feedback: r.Feedback, By: r.By, Reason: r.Reason, At: r.At.UTC()})
	}
	for qid, ans := range s.Answers {
		d.Answers[qid] = fromAnswer(ans)
	}
	if s.Results != nil {
		d.Results = map[string]resultDoc{}
		for qid, r := range s.Results {
			d.Results[qid] = resultDoc{
				Max: r.Max, Auto: r.Auto, Correct: r.Correct, Essay: r.Essay, Manual: r.Manual,
				Feedback: r.Feedback, GradedBy: r.GradedBy, GradedAt: timePtr(r.GradedAt),
			}
		}
	}
	return d
}

func (d attemptDoc) toDomain() *attempt.Attempt {
	s := attempt.Snapshot{
		ID: d.ID, TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID, Version: d.Version, Number: d.Number,
		State: attempt.State(d.State), Seed: uint64(d.Seed), //nolint:gosec // the seed's bits, stored as they are
		StartedAt: d.StartedAt.UTC(), Deadline: timeOf(d.Deadline), Answers: map[string]attempt.SavedAnswer{},
		SubmittedAt: timeOf(d.SubmittedAt), SubmittedBy: attempt.SubmittedBy(d.SubmittedBy), Late: d.Late,
		Score: d.Score, Maximum: d.Maximum, Penalty: d.Penalty, Passed: d.Passed,
		GradedAt: timeOf(d.GradedAt), GradedBy: d.GradedBy, Overdue: d.Overdue, ReleasedAt: timeOf(d.ReleasedAt),
		Fixes: toFixes(d.Fixes), Closes: timeOf(d.Closes),
	}
	for _, x := range d.Drawn {
		s.Drawn = append(s.Drawn, exam.Drawn{DrawID: x.DrawID, Version: x.Version, Question: toQuestion(x.Question)})
	}
	for _, r := range d.Regrades {
		s.Regrades = append(s.Regrades, attempt.Regrade{QuestionID: r.QuestionID, Previous: r.Previous, Score: r.Score,
			Feedback: r.Feedback, By: r.By, Reason: r.Reason, At: r.At.UTC()})
	}
	for qid, a := range d.Answers {
		s.Answers[qid] = attempt.SavedAnswer{
			Answer: exam.Answer{
				Options: a.Options, Bool: a.Bool, Text: a.Text, Number: a.Number,
				Matches: a.Matches, Order: a.Order, Gaps: a.Gaps,
			},
			SavedAt: a.SavedAt.UTC(),
		}
	}
	if d.Results != nil {
		s.Results = map[string]attempt.Result{}
		for qid, r := range d.Results {
			s.Results[qid] = attempt.Result{
				Max: r.Max, Auto: r.Auto, Correct: r.Correct, Essay: r.Essay, Manual: r.Manual,
				Feedback: r.Feedback, GradedBy: r.GradedBy, GradedAt: timeOf(r.GradedAt),
			}
		}
	}
	return attempt.Rehydrate(s)
}
