package http

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/errs"
)

// viewAttempt renders an attempt for its reader.
func viewAttempt(v query.AttemptView) any {
	if v.Audience == query.AsTeacher {
		return viewTeacherAttempt(v)
	}
	return viewStudentAttempt(v)
}

// listAttempts answers GET /tests/:id/attempts?state=&page_size=&page_token=:
// a page of every attempt for a teacher, of the caller's own for a student.
func (s *server) listAttempts(c *gin.Context) {
	q := query.ListAttemptsInput{Caller: callerOf(c), TestID: c.Param("id"), State: c.Query("state"), PageToken: c.Query("page_token")}
	if v, ok := c.GetQuery("page_size"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail(c, s.log, query.ErrAttemptPageSize)
			return
		}
		q.PageSize = n
	}
	l, err := s.app.Queries.ListAttempts.Handle(c.Request.Context(), q)
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, viewAttemptList(l), nil)
}

// waitingRoom is the answer to a start that waits for its turn.
type waitingRoom struct {
	Status            string `json:"status"`
	Position          int    `json:"position"`
	RetryAfterSeconds int    `json:"retry_after_seconds"`
	Ticket            string `json:"ticket"`
}

// errBadTicketProblem answers a ticket that is not the caller's for this
// test: she starts over at the back of the line.
var errBadTicketProblem = errs.New(errs.InvalidArgument, "invalid-admission-ticket",
	"the ticket is not yours for this test; start again without it").With("field", "ticket")

// startAttempt answers POST /tests/:id/attempts with the new attempt. A
// student with an attempt in progress gets 409 naming it (fields.attempt_id).
//
// When many start at once, the waiting room admits them at the service's
// pace: a start whose turn is further than a moment away is answered 202
// with the student's place in line, Retry-After and a ticket to repeat the
// request with (?ticket=), which admits her at her turn. Her attempt, and
// its clock, start only when she is admitted.
func (s *server) startAttempt(c *gin.Context) {
	done, w, err := s.admit.admit(c.Request.Context(), c.Param("id"), callerOf(c).UserID, c.Query("ticket"))
	if errors.Is(err, errBadTicket) {
		err = errBadTicketProblem
	}
	if err != nil {
		fail(c, s.log, err)
		return
	}
	if w != nil {
		seconds := max(int(math.Ceil(w.After.Seconds())), 1)
		c.Header("Retry-After", strconv.Itoa(seconds))
		c.JSON(http.StatusAccepted, waitingRoom{Status: "waiting", Position: w.Position, RetryAfterSeconds: seconds, Ticket: w.Ticket})
		return
	}
	defer done()
	a, err := s.app.Commands.StartAttempt.Handle(c.Request.Context(), command.StartAttemptInput{Caller: callerOf(c), TestID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Location", AttemptsPrefix+"/"+a.ID())
	s.replyAttempt(c, http.StatusCreated, a.ID())
}

// getAttempt answers GET /attempts/:id.
func (s *server) getAttempt(c *gin.Context) { s.replyAttempt(c, http.StatusOK, c.Param("id")) }

// replyAttempt answers the attempt as the caller may read it now.
func (s *server) replyAttempt(c *gin.Context, status int, id string) {
	v, err := s.app.Queries.GetAttempt.Handle(c.Request.Context(), query.GetAttemptInput{Caller: callerOf(c), AttemptID: id})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, status, viewAttempt(v), nil)
}

// saveAnswer answers PUT /attempts/:id/answers/:question with the answer as
// saved and the server's time of receipt. Saving the same answer again is
// harmless; after the deadline the save is refused (409) and changes nothing.
func (s *server) saveAnswer(c *gin.Context) {
	var b answerBody
	if !s.bind(c, &b) {
		return
	}
	saved, err := s.app.Commands.SaveAnswer.Handle(c.Request.Context(), command.SaveAnswerInput{
		Caller: callerOf(c), AttemptID: c.Param("id"), QuestionID: c.Param("question"), Answer: b.answer(),
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, gin.H{"question_id": c.Param("question"), "answer": savedAnswer{answerBody: b, SavedAt: saved.SavedAt}}, nil)
}

// submitAttempt answers POST /attempts/:id/submit with the submitted attempt.
func (s *server) submitAttempt(c *gin.Context) {
	a, err := s.app.Commands.SubmitAttempt.Handle(c.Request.Context(), command.SubmitAttemptInput{Caller: callerOf(c), AttemptID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.replyAttempt(c, http.StatusOK, a.ID())
}

type gradesBody struct {
	Grades []struct {
		QuestionID string  `json:"question_id"`
		Score      float64 `json:"score"`
		Feedback   string  `json:"feedback"`
	} `json:"grades"`
	// Reason is required to change a graded attempt (a regrade).
	Reason string `json:"reason"`
}

// gradeAttempt answers PUT /attempts/:id/grades: a teacher's scores and
// feedback for essays, or overrides of automatic scores, at any time (a
// graded attempt's change needs a reason).
func (s *server) gradeAttempt(c *gin.Context) {
	var b gradesBody
	if !s.bind(c, &b) {
		return
	}
	grades := make([]attempt.ManualGrade, len(b.Grades))
	for i, g := range b.Grades {
		grades[i] = attempt.ManualGrade{QuestionID: g.QuestionID, Score: g.Score, Feedback: g.Feedback}
	}
	a, err := s.app.Commands.GradeAttempt.Handle(c.Request.Context(), command.GradeAttemptInput{Caller: callerOf(c), AttemptID: c.Param("id"), Grades: grades, Reason: b.Reason})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.replyAttempt(c, http.StatusOK, a.ID())
}
