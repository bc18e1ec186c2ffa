package http

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

// errBadFormat refuses a format other than json or csv.
var errBadFormat = errs.Invalid("format", "format must be json or csv")

// itemAnalysis answers GET /tests/:id/item-analysis for whoever reads the
// test's statistics: JSON, or CSV (one row per question) when asked with
// ?format=csv or Accept: text/csv.
func (s *server) itemAnalysis(c *gin.Context) {
	asCSV := strings.Contains(c.GetHeader("Accept"), "text/csv")
	switch c.Query("format") {
	case "":
	case "csv":
		asCSV = true
	case "json":
		asCSV = false
	default:
		fail(c, s.log, errBadFormat)
		return
	}
	a, err := s.app.Queries.AnalyseItems.Handle(c.Request.Context(), query.AnalyseItemsInput{Caller: callerOf(c), TestID: c.Param("id"), Sample: query.Sample(c.Query("attempts"))})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	if !asCSV {
		s.reply(c, http.StatusOK, viewItemAnalysis(a), nil)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="item-analysis-%s.csv"`, a.TestID))
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Status(http.StatusOK)
	if err := writeItemAnalysisCSV(c.Writer, a); err != nil {
		s.log.WarnContext(c.Request.Context(), "item analysis csv", "test_id", a.TestID, "error", err)
	}
}

type itemAnalysisView struct {
	TestID string `json:"test_id"`
	// Attempts is the sample: first or all.
	Attempts  string              `json:"attempts"`
	Test      testStatisticsView  `json:"test"`
	Questions []itemStatisticView `json:"questions"`
}

type testStatisticsView struct {
	Attempts      int      `json:"attempts"`
	Maximum       float64  `json:"maximum"`
	Mean          *float64 `json:"mean"`
	Median        *float64 `json:"median"`
	SD            *float64 `json:"standard_deviation"`
	CronbachAlpha *float64 `json:"cronbach_alpha"`
}

type itemStatisticView struct {
	QuestionID     string            `json:"question_id"`
	Kind           string            `json:"kind"`
	Prompt         string            `json:"prompt"`
	Points         float64           `json:"points"`
	Attempts       int               `json:"attempts"`
	MeanScore      *float64          `json:"mean_score"`
	Facility       *float64          `json:"facility_index"`
	SD             *float64          `json:"standard_deviation"`
	Discrimination *float64          `json:"discrimination_index"`
	Options        []optionCountView `json:"options,omitempty"`
	Blank          *blankCountView   `json:"blank,omitempty"`
	Parts          []partCountView   `json:"parts,omitempty"`
}

// partCountView is one pair, position or gap of a question graded by parts.
type partCountView struct {
	PartID   string  `json:"part_id"`
	Label    string  `json:"label"`
	Right    int     `json:"right"`
	Facility float64 `json:"facility_index"`
}

type optionCountView struct {
	OptionID string  `json:"option_id"`
	Text     string  `json:"text"`
	Correct  bool    `json:"correct"`
	Count    int     `json:"count"`
	Share    float64 `json:"share"`
}

type blankCountView struct {
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

func viewItemAnalysis(a query.ItemAnalysis) itemAnalysisView {
	out := itemAnalysisView{TestID: a.TestID, Attempts: string(a.Sample), Questions: []itemStatisticView{},
		Test: testStatisticsView{Attempts: a.Test.Attempts, Maximum: a.Test.Maximum, Mean: a.Test.Mean,
			Median: a.Test.Median, SD: a.Test.SD, CronbachAlpha: a.Test.Alpha}}
	for _, q := range a.Questions {
		v := itemStatisticView{QuestionID: q.Question.ID, Kind: string(q.Question.Kind), Prompt: q.Question.Prompt,
			Points: q.Question.Points, Attempts: q.Attempts, MeanScore: q.MeanScore, Facility: q.Facility,
			SD: q.SD, Discrimination: q.Discrimination}
		for _, o := range q.Options {
			text, correct := optionText(q.Question, o.OptionID)
			v.Options = append(v.Options, optionCountView{OptionID: o.OptionID, Text: text, Correct: correct,
				Count: o.Count, Share: o.Share})
		}
		if q.Blank != nil {
			v.Blank = &blankCountView{Count: q.Blank.Count, Share: q.Blank.Share}
		}
		for _, p := range q.Parts {
			v.Parts = append(v.Parts, partCountView{PartID: p.Part.ID, Label: p.Part.Label, Right: p.Right, Facility: p.Facility})
		}
		out.Questions = append(out.Questions, v)
	}
	return out
}

// optionText returns an option's text and whether it is a right answer.
func optionText(q exam.Question, id string) (string, bool) {
	if q.Kind == exam.TrueFalse {
		truth := id == query.TrueOption
		return id, truth == q.Truth
	}
	for _, o := range q.Options {
		if o.ID == id {
			return o.Text, o.Correct
		}
	}
	return "", false
}

// itemAnalysisHeader is the CSV's header; options reads
// "<id>: <count> (<share>%)" per option, then "blank: ...", joined by "; ".
var itemAnalysisHeader = []string{"question_id", "kind", "prompt", "points", "attempts", "mean_score",
	"facility_index", "standard_deviation", "discrimination_index", "options"}

func writeItemAnalysisCSV(w http.ResponseWriter, a query.ItemAnalysis) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(itemAnalysisHeader); err != nil {
		return err
	}
	for _, q := range a.Questions {
		var opts []string
		for _, o := range q.Options {
			opts = append(opts, fmt.Sprintf("%s: %d (%s%%)", o.OptionID, o.Count, number(o.Share)))
		}
		if q.Blank != nil {
			opts = append(opts, fmt.Sprintf("blank: %d (%s%%)", q.Blank.Count, number(q.Blank.Share)))
		}
		for _, p := range q.Parts {
			opts = append(opts, fmt.Sprintf("%s: %d right (%s%%)", p.Part.ID, p.Right, number(p.Facility)))
		}
		row := []string{q.Question.ID, string(q.Question.Kind), cellText(q.Question.Prompt), number(q.Question.Points),
			strconv.Itoa(q.Attempts), optional(q.MeanScore), optional(q.Facility), optional(q.SD),
			optional(q.Discrimination), strings.Join(opts, "; ")}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// number writes f with a dot decimal, whatever the reader's locale.
func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// optional writes a statistic that could not be computed as an empty cell.
func optional(f *float64) string {
	if f == nil {
		return ""
	}
	return number(*f)
}

// cellText keeps a spreadsheet from reading a teacher's text as a formula.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
