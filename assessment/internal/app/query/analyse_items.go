package query

import (
	"context"
	"fmt"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
	"lms/shared/errs"
)

// Option ids item analysis gives a true/false question's answers.
const (
	TrueOption  = "true"
	FalseOption = "false"
)

// Mark is one question's score in an attempt and the most it could earn.
type Mark struct{ Score, Max float64 }

// GradedResponse is what item analysis reads of one graded attempt.
type GradedResponse struct {
	StudentID string
	Number    int
	// Marks are the attempt's scores by question id (a teacher's score
	// where there is one).
	Marks map[string]Mark
	// Picks are the options picked per choice question id (TrueOption or
	// FalseOption for true/false); a question left blank is absent.
	Picks map[string][]string
	// Answers are the answers to the matching, ordering and
	// fill-in-the-blanks questions read; a question left blank is absent.
	Answers map[string]exam.Answer
}

// GradedResponses reads a test's graded attempts for item analysis with
// only what it needs: the scores, and the answers of the named questions
// (choice questions as Picks, matching, ordering and fill-in-the-blanks as
// Answers; never an essay's text); only first attempts (number 1) when
// firstOnly, by student then number.
type GradedResponses interface {
	GradedResponses(ctx context.Context, testID string, answered []string, firstOnly bool) ([]GradedResponse, error)
}

// Sample says which graded attempts an item analysis reads.
type Sample string

// The samples.
const (
	// FirstAttempts reads each student's first attempt once it is graded,
	// as Moodle's quiz statistics do by default: a retake after feedback
	// says less about the question than about the feedback.
	FirstAttempts Sample = "first"
	// AllAttempts reads every graded attempt.
	AllAttempts Sample = "all"
)

// ErrInvalidSample refuses a sample other than first or all.
var ErrInvalidSample = errs.New(errs.InvalidArgument, "invalid-item-analysis-sample",
	"attempts must be first (each student's first attempt) or all (every graded attempt)").With("field", "attempts")

// OptionCount is how often one option of a choice question was picked.
type OptionCount struct {
	OptionID string
	Count    int
	// Share is Count over the attempts that had the question, in percent.
	Share float64
}

// ItemStatistics is one question's item analysis. Nil statistics could not
// be computed (no attempt, a single one, or no spread to correlate).
type ItemStatistics struct {
	Question exam.Question
	// Attempts counts the analysed attempts that had the question.
	Attempts  int
	MeanScore *float64
	// Facility is the mean score over the question's maximum, in percent.
	Facility *float64
	// SD is the standard deviation of that share, in percent.
	SD *float64
	// Discrimination is the correlation of the question's score with the
	// rest of the attempt's score, in percent.
	Discrimination *float64
	// Options count the picks of each option of a choice question, in its
	// order; nil for other kinds.
	Options []OptionCount
	// Blank counts the attempts that left a choice question blank (its
	// OptionID empty); nil for other kinds.
	Blank *OptionCount
	// Parts count, per pair of a matching question, position of an
	// ordering question or gap of a fill-in-the-blanks question, the
	// attempts that had it right; nil for other kinds.
	Parts []PartCount
}

// PartCount is how many attempts had one part of a question right.
type PartCount struct {
	Part  exam.Part
	Right int
	// Facility is Right over the attempts that had the question, in percent.
	Facility float64
}

// TestStatistics are the analysed attempts' totals (before late penalties).
type TestStatistics struct {
	Attempts int
	// Maximum is the current version's total of points.
	Maximum          float64
	Mean, Median, SD *float64
	// Alpha is Cronbach's alpha (KR-20 for all-or-nothing questions), over
	// the attempts that had every question of the current version.
	Alpha *float64
}

// ItemAnalysis is the item analysis of a test's current version.
type ItemAnalysis struct {
	TestID    string
	Sample    Sample
	Test      TestStatistics
	Questions []ItemStatistics
}

// AnalyseItemsInput is what AnalyseItems is asked.
type AnalyseItemsInput struct {
	Caller caller.Caller
	TestID string
	Sample Sample
}

// AnalyseItems answers the item analysis of a test for whoever may read
// its statistics (see statisticsTest). Questions are those of the current
// version, matched across versions by id.
type AnalyseItems struct {
	tests     exam.Repository
	banks     bank.Repository
	responses GradedResponses
	policy    access.Policy
}

// NewAnalyseItems returns the AnalyseItems use case.
func NewAnalyseItems(tests exam.Repository, banks bank.Repository, responses GradedResponses, policy access.Policy) *AnalyseItems {
	return &AnalyseItems{tests: tests, banks: banks, responses: responses, policy: policy}
}

// Handle runs the use case.
func (h *AnalyseItems) Handle(ctx context.Context, in AnalyseItemsInput) (ItemAnalysis, error) {
	c, testID, s := in.Caller, in.TestID, in.Sample
	if s == "" {
		s = FirstAttempts
	}
	if s != FirstAttempts && s != AllAttempts {
		return ItemAnalysis{}, ErrInvalidSample
	}
	t, err := statisticsTest(ctx, h.tests, h.policy, c, testID)
	if err != nil {
		return ItemAnalysis{}, err
	}
	questions, err := analysedQuestions(ctx, h.banks, t.CourseID(), t.Current().Content)
	if err != nil {
		return ItemAnalysis{}, err
	}
	var choice []string
	for _, q := range questions {
		switch q.Kind {
		case exam.SingleChoice, exam.MultipleChoice, exam.TrueFalse, exam.Matching, exam.Ordering, exam.FillInTheBlanks:
			choice = append(choice, q.ID)
		}
	}
	sample, err := h.responses.GradedResponses(ctx, testID, choice, s == FirstAttempts)
	if err != nil {
		return ItemAnalysis{}, fmt.Errorf("graded attempts at %s: %w", testID, err)
	}
	items, test := analyse(questions, sample)
	// With draws, the maximum is what each attempt can score, not the sum
	// of every bank question that may be drawn.
	test.Maximum = t.Current().Content.MaxScore()
	return ItemAnalysis{TestID: testID, Sample: s, Test: test, Questions: items}, nil
}

// analysedQuestions are the questions item analysis reports on: the
// content's fixed questions, then every question of the course's bank its
// draws may pick (retired ones too, which earlier attempts may have
// drawn), in its current version and worth its draw's points. Each is
// analysed over the attempts that drew it, matched by id, as the fixed
// questions are across versions.
func analysedQuestions(ctx context.Context, banks bank.Repository, courseID string, c exam.Content) ([]exam.Question, error) {
	questions := slices.Clone(c.Questions)
	if len(c.Draws) == 0 {
		return questions, nil
	}
	b, err := banks.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("bank of %s: %w", courseID, err)
	}
	seen := map[string]bool{}
	for _, q := range questions {
		seen[q.ID] = true
	}
	for _, d := range c.Draws {
		for _, bq := range b.Questions() {
			e := bq.Current().Entry
			if seen[bq.ID] || e.Category != d.Category || d.Tag != "" && !slices.Contains(e.Tags, d.Tag) {
				continue
			}
			q := e.Question
			q.Points = d.Points
			questions = append(questions, q)
			seen[bq.ID] = true
		}
	}
	return questions, nil
}
