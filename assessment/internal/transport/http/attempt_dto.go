package http

import (
	"time"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// answerBody is a student's answer to one question: only the field of the
// question's kind is set.
type answerBody struct {
	Options []string `json:"options,omitempty"`
	Bool    *bool    `json:"bool,omitempty"`
	Text    string   `json:"text,omitempty"`
	Number  *float64 `json:"number,omitempty"`
	// Matches maps a matching question's prompt ids to the chosen answers.
	Matches map[string]string `json:"matches,omitempty"`
	// Order is an ordering question's items, every one once, first first.
	Order []string `json:"order,omitempty"`
	// Gaps maps a fill-in-the-blanks question's gap ids to the text typed.
	Gaps map[string]string `json:"gaps,omitempty"`
}

func (b answerBody) answer() exam.Answer {
	return exam.Answer{Options: b.Options, Bool: b.Bool, Text: b.Text, Number: b.Number, Matches: b.Matches, Order: b.Order, Gaps: b.Gaps}
}

func viewAnswer(a exam.Answer) answerBody {
	return answerBody{Options: a.Options, Bool: a.Bool, Text: a.Text, Number: a.Number, Matches: a.Matches, Order: a.Order, Gaps: a.Gaps}
}

// savedAnswer is an answer with the server's time of receipt.
type savedAnswer struct {
	answerBody
	SavedAt time.Time `json:"saved_at"`
}

func viewAnswers(a *attempt.Attempt) map[string]savedAnswer {
	out := map[string]savedAnswer{}
	for qid, s := range a.Answers() {
		out[qid] = savedAnswer{answerBody: viewAnswer(s.Answer), SavedAt: s.SavedAt}
	}
	return out
}

// studentQuestion is a question as a student sees it: no key.
type studentQuestion struct {
	ID            string          `json:"id"`
	Kind          string          `json:"kind"`
	Prompt        string          `json:"prompt"`
	Points        float64         `json:"points"`
	PartialCredit bool            `json:"partial_credit,omitempty"`
	Options       []studentOption `json:"options,omitempty"`
	// Prompts and Choices are a matching question's prompts, in the
	// teacher's order, and the answers to match them with, shuffled.
	Prompts []studentOption `json:"prompts,omitempty"`
	Choices []string        `json:"choices,omitempty"`
	// Items are an ordering question's items, shuffled, never in their
	// right order.
	Items []string `json:"items,omitempty"`
	// Gaps are a fill-in-the-blanks question's gaps, in the order their
	// {{id}} markers appear in the prompt.
	Gaps []studentGap `json:"gaps,omitempty"`
}

type studentOption struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type studentGap struct {
	ID string `json:"id"`
}

// viewStudentQuestion is q as an attempt with seed shows it: the attempt's
// own order of options, matching answers and items, and no key.
func viewStudentQuestion(c exam.Content, seed uint64, q exam.Question) studentQuestion {
	sq := studentQuestion{ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, Points: q.Points, PartialCredit: q.PartialCredit}
	for _, o := range c.OptionOrder(seed, q) {
		sq.Options = append(sq.Options, studentOption{ID: o.ID, Text: o.Text})
	}
	switch q.Kind {
	case exam.Matching:
		for _, p := range q.Pairs {
			sq.Prompts = append(sq.Prompts, studentOption{ID: p.ID, Text: p.Prompt})
		}
		sq.Choices = c.MatchingChoices(seed, q)
	case exam.Ordering:
		sq.Items = c.OrderingItems(seed, q)
	case exam.FillInTheBlanks:
		for _, id := range q.GapIDs() {
			sq.Gaps = append(sq.Gaps, studentGap{ID: id})
		}
	}
	return sq
}

// studentAttempt is an attempt as its student reads it: the questions in the
// attempt's own order without their key, the saved answers, and the results
// once the test shows them.
type studentAttempt struct {
	ID              string                 `json:"id"`
	TestID          string                 `json:"test_id"`
	CourseID        string                 `json:"course_id"`
	Title           string                 `json:"title"`
	Instructions    string                 `json:"instructions"`
	Number          int                    `json:"number"`
	State           string                 `json:"state"`
	StartedAt       time.Time              `json:"started_at"`
	Deadline        *time.Time             `json:"deadline"`
	TimeLeftSeconds *float64               `json:"time_left_seconds"`
	SubmittedAt     *time.Time             `json:"submitted_at"`
	SubmittedBy     string                 `json:"submitted_by,omitempty"`
	Late            bool                   `json:"late"`
	Questions       []studentQuestion      `json:"questions"`
	Answers         map[string]savedAnswer `json:"answers"`
	Result          *studentResult         `json:"result"`
}

type studentResult struct {
	Score     float64                        `json:"score"`
	Maximum   float64                        `json:"maximum"`
	Penalty   float64                        `json:"penalty"`
	Passed    bool                           `json:"passed"`
	GradedAt  time.Time                      `json:"graded_at"`
	Questions map[string]studentQuestionMark `json:"questions"`
}

// studentQuestionMark is the score and feedback of one answer: the
// teacher's words on it and the question's general feedback.
type studentQuestionMark struct {
	Score            float64 `json:"score"`
	Max              float64 `json:"max"`
	Feedback         string  `json:"feedback,omitempty"`
	QuestionFeedback string  `json:"question_feedback,omitempty"`
}

func viewStudentAttempt(v query.AttemptView) studentAttempt {
	a, c := v.Attempt, v.Version.Content
	out := studentAttempt{
		ID: a.ID(), TestID: a.TestID(), CourseID: a.CourseID(), Title: c.Settings.Title, Instructions: c.Settings.Instructions,
		Number: a.Number(), State: string(a.State()), StartedAt: a.StartedAt(), Deadline: ptr(a.Deadline()),
		SubmittedAt: ptr(a.SubmittedAt()), SubmittedBy: string(a.SubmittedBy()), Late: a.Late(),
		Questions: []studentQuestion{}, Answers: viewAnswers(a),
	}
	if a.State() == attempt.StateInProgress && !a.Deadline().IsZero() {
		left := a.TimeLeft(v.Now).Seconds()
		out.TimeLeftSeconds = &left
	}
	for _, q := range c.QuestionOrder(a.Seed()) {
		out.Questions = append(out.Questions, viewStudentQuestion(c, a.Seed(), q))
	}
	if v.ResultsVisible {
		r := &studentResult{Score: a.Score(), Maximum: a.Maximum(), Penalty: a.Penalty(), Passed: a.Passed(), GradedAt: a.GradedAt(), Questions: map[string]studentQuestionMark{}}
		for qid, res := range a.Results() {
			q, _ := c.Question(qid)
			r.Questions[qid] = studentQuestionMark{Score: res.Score(), Max: res.Max, Feedback: res.Feedback, QuestionFeedback: q.Feedback}
		}
		out.Result = r
	}
	return out
}

// teacherAttempt is an attempt as a teacher of its course reads it.
type teacherAttempt struct {
	ID            string                   `json:"id"`
	TestID        string                   `json:"test_id"`
	CourseID      string                   `json:"course_id"`
	StudentID     string                   `json:"student_id"`
	Version       int                      `json:"version"`
	Number        int                      `json:"number"`
	State         string                   `json:"state"`
	StartedAt     time.Time                `json:"started_at"`
	Deadline      *time.Time               `json:"deadline"`
	SubmittedAt   *time.Time               `json:"submitted_at"`
	SubmittedBy   string                   `json:"submitted_by,omitempty"`
	Late          bool                     `json:"late"`
	PendingEssays int                      `json:"pending_essays"`
	Overdue       string                   `json:"grading_overdue,omitempty"`
	Questions     []questionBody           `json:"questions"`
	Answers       map[string]savedAnswer   `json:"answers"`
	Results       map[string]teacherResult `json:"results"`
	Score         *float64                 `json:"score"`
	Maximum       *float64                 `json:"maximum"`
	Penalty       *float64                 `json:"penalty"`
	Passed        *bool                    `json:"passed"`
	GradedAt      *time.Time               `json:"graded_at"`
	GradedBy      string                   `json:"graded_by,omitempty"`
	// ResultsReleasedAt is when the student was allowed to see the results.
	ResultsReleasedAt *time.Time    `json:"results_released_at"`
	Regrades          []regradeJSON `json:"regrades"`
	// Drawn names the bank questions drawn at the start and their versions.
	Drawn []drawnJSON `json:"drawn,omitempty"`
}

// drawnJSON is one question drawn from the course's bank for the attempt.
type drawnJSON struct {
	DrawID     string `json:"draw_id"`
	QuestionID string `json:"question_id"`
	Version    int    `json:"version"`
}

// regradeJSON is one score changed after grading: who, when and why.
type regradeJSON struct {
	QuestionID string    `json:"question_id"`
	Previous   float64   `json:"previous_score"`
	Score      float64   `json:"score"`
	Feedback   string    `json:"feedback,omitempty"`
	By         string    `json:"by"`
	Reason     string    `json:"reason"`
	At         time.Time `json:"at"`
}

type teacherResult struct {
	Score       float64    `json:"score"`
	Max         float64    `json:"max"`
	AutoScore   float64    `json:"auto_score"`
	Correct     bool       `json:"correct"`
	Essay       bool       `json:"essay"`
	ManualScore *float64   `json:"manual_score"`
	Feedback    string     `json:"feedback,omitempty"`
	GradedBy    string     `json:"graded_by,omitempty"`
	GradedAt    *time.Time `json:"graded_at"`
}

func viewTeacherAttempt(v query.AttemptView) teacherAttempt {
	a, c := v.Attempt, v.Version.Content
	out := teacherAttempt{
		ID: a.ID(), TestID: a.TestID(), CourseID: a.CourseID(), StudentID: a.StudentID(), Version: a.Version(), Number: a.Number(),
		State: string(a.State()), StartedAt: a.StartedAt(), Deadline: ptr(a.Deadline()), SubmittedAt: ptr(a.SubmittedAt()),
		SubmittedBy: string(a.SubmittedBy()), Late: a.Late(), PendingEssays: a.PendingEssays(), Overdue: a.Overdue(),
		Questions: []questionBody{}, Answers: viewAnswers(a), ResultsReleasedAt: ptr(a.ReleasedAt()), Regrades: []regradeJSON{},
	}
	for _, r := range a.Regrades() {
		out.Regrades = append(out.Regrades, regradeJSON{QuestionID: r.QuestionID, Previous: r.Previous, Score: r.Score,
			Feedback: r.Feedback, By: r.By, Reason: r.Reason, At: r.At})
	}
	for _, q := range c.Questions {
		out.Questions = append(out.Questions, viewKeyedQuestion(q))
	}
	for _, d := range a.Drawn() {
		out.Drawn = append(out.Drawn, drawnJSON{DrawID: d.DrawID, QuestionID: d.Question.ID, Version: d.Version})
	}
	if results := a.Results(); results != nil {
		out.Results = map[string]teacherResult{}
		for qid, r := range results {
			out.Results[qid] = teacherResult{
				Score: r.Score(), Max: r.Max, AutoScore: r.Auto, Correct: r.Correct, Essay: r.Essay,
				ManualScore: r.Manual, Feedback: r.Feedback, GradedBy: r.GradedBy, GradedAt: ptr(r.GradedAt),
			}
		}
	}
	if a.State() == attempt.StateGraded {
		score, maximum, penalty, passed := a.Score(), a.Maximum(), a.Penalty(), a.Passed()
		out.Score, out.Maximum, out.Penalty, out.Passed = &score, &maximum, &penalty, &passed
		out.GradedAt, out.GradedBy = ptr(a.GradedAt()), a.GradedBy()
	}
	return out
}

// attemptSummary is one line of a list of attempts. Scores appear once the
// reader may see them; the student and grading fields only for teachers.
type attemptSummary struct {
	ID            string     `json:"id"`
	StudentID     string     `json:"student_id,omitempty"`
	Number        int        `json:"number"`
	Version       int        `json:"version"`
	State         string     `json:"state"`
	StartedAt     time.Time  `json:"started_at"`
	Deadline      *time.Time `json:"deadline"`
	SubmittedAt   *time.Time `json:"submitted_at"`
	Late          bool       `json:"late"`
	Score         *float64   `json:"score,omitempty"`
	Maximum       *float64   `json:"maximum,omitempty"`
	Passed        *bool      `json:"passed,omitempty"`
	PendingEssays *int       `json:"pending_essays,omitempty"`
	Overdue       string     `json:"grading_overdue,omitempty"`
}

type attemptList struct {
	Attempts      []attemptSummary `json:"attempts"`
	ScoringPolicy string           `json:"scoring_policy"`
	// CountedScore is the student's score for the test under the scoring
	// policy, over the attempts whose results are shown.
	CountedScore  *float64 `json:"counted_score,omitempty"`
	NextPageToken string   `json:"next_page_token,omitempty"`
}

func viewAttemptList(l query.AttemptList) attemptList {
	out := attemptList{Attempts: []attemptSummary{}, ScoringPolicy: string(l.Policy), NextPageToken: l.NextPageToken}
	for _, v := range l.Attempts {
		a := v.Summary
		s := attemptSummary{
			ID: a.ID, Number: a.Number, Version: a.Version, State: string(a.State), StartedAt: a.StartedAt,
			Deadline: ptr(a.Deadline), SubmittedAt: ptr(a.SubmittedAt), Late: a.Late,
		}
		if v.ResultsVisible && a.State == attempt.StateGraded {
			score, maximum, passed := a.Score, a.Maximum, a.Passed
			s.Score, s.Maximum, s.Passed = &score, &maximum, &passed
		}
		if l.Audience == query.AsTeacher {
			pending := a.PendingEssays
			s.StudentID, s.PendingEssays, s.Overdue = a.StudentID, &pending, a.Overdue
		}
		out.Attempts = append(out.Attempts, s)
	}
	if l.HasCounted {
		counted := l.Counted
		out.CountedScore = &counted
	}
	return out
}

type statisticsView struct {
	TestID         string              `json:"test_id"`
	GradedAttempts int                 `json:"graded_attempts"`
	MeanScore      float64             `json:"mean_score"`
	Questions      []questionStatistic `json:"questions"`
}

type questionStatistic struct {
	QuestionID   string  `json:"question_id"`
	Kind         string  `json:"kind"`
	Prompt       string  `json:"prompt"`
	Points       float64 `json:"points"`
	Graded       int     `json:"graded"`
	MeanScore    float64 `json:"mean_score"`
	ShareCorrect float64 `json:"share_correct"`
}

func viewStatistics(s query.Statistics) statisticsView {
	out := statisticsView{TestID: s.TestID, GradedAttempts: s.Graded, MeanScore: s.MeanScore, Questions: []questionStatistic{}}
	for _, q := range s.Questions {
		out.Questions = append(out.Questions, questionStatistic{
			QuestionID: q.Question.ID, Kind: string(q.Question.Kind), Prompt: q.Question.Prompt, Points: q.Question.Points,
			Graded: q.Graded, MeanScore: q.MeanScore, ShareCorrect: q.ShareCorrect,
		})
	}
	return out
}
