package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

// regradeBody is the body of POST /tests/:id/regrades: the question as
// fixed (same id, kind and prompt; a new key, tolerance or points) and why.
type regradeBody struct {
	Question questionBody `json:"question"`
	Reason   string       `json:"reason"`
}

func (b regradeBody) question() exam.Question {
	return testBody{Questions: []questionBody{b.Question}}.content().Questions[0]
}

// regradeView is a regrade as the course's staff reads it.
type regradeView struct {
	ID              string       `json:"id"`
	TestID          string       `json:"test_id"`
	QuestionID      string       `json:"question_id"`
	Question        questionBody `json:"question"`
	Previous        questionBody `json:"previous"`
	RegradedBy      string       `json:"regraded_by"`
	RegradedAt      time.Time    `json:"regraded_at"`
	Reason          string       `json:"reason"`
	Status          string       `json:"status"`
	AttemptsSeen    int          `json:"attempts_seen"`
	AttemptsChanged int          `json:"attempts_changed"`
	FinishedAt      *time.Time   `json:"finished_at"`
}

func viewRegrade(testID string, r exam.Regrade) regradeView {
	return regradeView{
		ID: r.ID, TestID: testID, QuestionID: r.Question.ID, Question: viewKeyedQuestion(r.Question),
		Previous: viewKeyedQuestion(r.Previous), RegradedBy: r.By, RegradedAt: r.At, Reason: r.Reason,
		Status: string(r.Status), AttemptsSeen: r.Seen, AttemptsChanged: r.Changed, FinishedAt: ptr(r.FinishedAt),
	}
}

type regradeChangeView struct {
	AttemptID    string  `json:"attempt_id"`
	StudentID    string  `json:"student_id"`
	Number       int     `json:"number"`
	OldScore     float64 `json:"old_score"`
	NewScore     float64 `json:"new_score"`
	Difference   float64 `json:"difference"`
	PassedBefore bool    `json:"passed_before"`
	Passed       bool    `json:"passed"`
}

type regradePreviewView struct {
	TestID         string              `json:"test_id"`
	DryRun         bool                `json:"dry_run"`
	AttemptsGraded int                 `json:"attempts_graded"`
	Changes        []regradeChangeView `json:"changes"`
}

var errBadDryRun = errs.New(errs.InvalidArgument, "invalid-query", "dry_run must be true or false").With("field", "dry_run")

// regrade answers POST /tests/:id/regrades: with ?dry_run=true the graded
// attempts whose score the fix changes, by how much, changing nothing (200);
// without it the recorded regrade (202 with its Location), whose workflow
// regrades every attempt once.
func (s *server) regrade(c *gin.Context) {
	dry, err := strconv.ParseBool(c.DefaultQuery("dry_run", "false"))
	if err != nil {
		fail(c, s.log, errBadDryRun)
		return
	}
	var b regradeBody
	if !s.bind(c, &b) {
		return
	}
	ctx, who, testID := c.Request.Context(), callerOf(c), c.Param("id")
	if dry {
		p, err := s.app.Queries.PreviewRegrade.Handle(ctx, query.PreviewRegradeInput{Caller: who, TestID: testID, Question: b.question(), Reason: b.Reason})
		if err != nil {
			fail(c, s.log, err)
			return
		}
		out := regradePreviewView{TestID: p.TestID, DryRun: true, AttemptsGraded: p.Graded, Changes: []regradeChangeView{}}
		for _, ch := range p.Changes {
			out.Changes = append(out.Changes, regradeChangeView{
				AttemptID: ch.AttemptID, StudentID: ch.StudentID, Number: ch.Number, OldScore: ch.Previous, NewScore: ch.Score,
				Difference: ch.Difference, PassedBefore: ch.PassedBefore, Passed: ch.Passed,
			})
		}
		s.reply(c, http.StatusOK, out, nil)
		return
	}
	r, err := s.app.Commands.StartRegrade.Handle(ctx, command.StartRegradeInput{Caller: who, TestID: testID, Question: b.question(), Reason: b.Reason})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Location", TestsPrefix+"/"+testID+"/regrades/"+r.ID)
	s.reply(c, http.StatusAccepted, viewRegrade(testID, r), nil)
}

// listRegrades answers GET /tests/:id/regrades for the course's staff.
func (s *server) listRegrades(c *gin.Context) {
	list, err := s.app.Queries.ListRegrades.Handle(c.Request.Context(), query.ListRegradesInput{Caller: callerOf(c), TestID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]regradeView, len(list))
	for i, r := range list {
		out[i] = viewRegrade(c.Param("id"), r)
	}
	s.reply(c, http.StatusOK, gin.H{"regrades": out}, nil)
}

// getRegrade answers GET /tests/:id/regrades/:regrade: its status and counts.
func (s *server) getRegrade(c *gin.Context) {
	r, err := s.app.Queries.GetRegrade.Handle(c.Request.Context(), query.GetRegradeInput{Caller: callerOf(c), TestID: c.Param("id"), RegradeID: c.Param("regrade")})
	s.reply(c, http.StatusOK, viewRegrade(c.Param("id"), r), err)
}

// regradeRoutes registers the regrade routes under /tests.
func (s *server) regradeRoutes(tests *gin.RouterGroup) {
	tests.POST("/:id/regrades", s.regrade)
	tests.GET("/:id/regrades", s.listRegrades)
	tests.GET("/:id/regrades/:regrade", s.getRegrade)
}
