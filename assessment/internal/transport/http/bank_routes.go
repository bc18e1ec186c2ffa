package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/bank"
	"lms/shared/errs"
	"lms/shared/ginproblem"
)

// BanksPrefix is where the courses' question banks live.
const BanksPrefix = "/api/v1/banks"

// maxImport bounds an import's body: a bank of 2,000 questions fits.
const maxImport = 32 << 20

// bankRoutes serves the question banks under g.
func (s *server) bankRoutes(g *gin.RouterGroup) {
	g.GET("/:course_id/questions", s.listBankQuestions)
	g.GET("/:course_id/questions/:question_id", s.getBankQuestion)
	g.PUT("/:course_id/questions/:question_id", s.putBankQuestion)
	g.DELETE("/:course_id/questions/:question_id", s.retireBankQuestion)
	g.GET("/:course_id/export", s.exportBank)
	g.POST("/:course_id/import", s.importBank)
}

// listBankQuestions answers GET /banks/:course_id/questions[?category=][&tag=][&retired=true].
func (s *server) listBankQuestions(c *gin.Context) {
	f := query.BankFilter{Category: c.Query("category"), Tag: c.Query("tag")}
	switch c.Query("retired") {
	case "", "false":
	case "true":
		f.Retired = true
	default:
		fail(c, s.log, errs.Invalid("retired", "retired is true or false"))
		return
	}
	qs, err := s.app.Queries.ListBankQuestions.Handle(c.Request.Context(), query.ListBankQuestionsInput{Caller: callerOf(c), CourseID: c.Param("course_id"), Filter: f})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]bankQuestionView, len(qs))
	for i, q := range qs {
		out[i] = viewBankQuestion(q, false)
	}
	s.reply(c, http.StatusOK, gin.H{"questions": out}, nil)
}

// getBankQuestion answers GET /banks/:course_id/questions/:question_id with
// every version.
func (s *server) getBankQuestion(c *gin.Context) {
	q, err := s.app.Queries.GetBankQuestion.Handle(c.Request.Context(), query.GetBankQuestionInput{Caller: callerOf(c), CourseID: c.Param("course_id"), QuestionID: c.Param("question_id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, viewBankQuestion(q, true), nil)
}

// putBankQuestion answers PUT /banks/:course_id/questions/:question_id: a
// new question (201), a new version (200, changed) or nothing (200, not
// changed).
func (s *server) putBankQuestion(c *gin.Context) {
	var b bankEntryBody
	if !s.bind(c, &b) {
		return
	}
	id := c.Param("question_id")
	if b.Question.ID == "" {
		b.Question.ID = id
	}
	if b.Question.ID != id {
		fail(c, s.log, errs.Invalid("question.id", "the question's id must be the one in the path"))
		return
	}
	out, err := s.app.Commands.PutBankQuestion.Handle(c.Request.Context(), command.PutBankQuestionInput{
		Caller: callerOf(c), CourseID: c.Param("course_id"), Entry: b.entry(),
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	status := http.StatusOK
	if out.Created {
		status = http.StatusCreated
		c.Header("Location", BanksPrefix+"/"+c.Param("course_id")+"/questions/"+id)
	}
	s.reply(c, status, struct {
		bankQuestionView
		Changed bool `json:"changed"`
	}{viewBankQuestion(out.Question, false), out.Changed}, nil)
}

// retireBankQuestion answers DELETE /banks/:course_id/questions/:question_id:
// the question is drawn no more (204); its versions stay readable.
func (s *server) retireBankQuestion(c *gin.Context) {
	err := s.app.Commands.RetireBankQuestion.Handle(c.Request.Context(), command.RetireBankQuestionInput{
		Caller: callerOf(c), CourseID: c.Param("course_id"), QuestionID: c.Param("question_id"),
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// exportBank answers GET /banks/:course_id/export: every question not
// retired, current version, in the import's format.
func (s *server) exportBank(c *gin.Context) {
	entries, err := s.app.Queries.ExportBank.Handle(c.Request.Context(), query.ExportBankInput{Caller: callerOf(c), CourseID: c.Param("course_id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	now := s.app.Clock.Now()
	out := bankExport{Format: BankFormat, CourseID: c.Param("course_id"), ExportedAt: &now, Questions: make([]bankEntryBody, len(entries))}
	for i, e := range entries {
		out.Questions[i] = viewEntry(e)
	}
	s.reply(c, http.StatusOK, out, nil)
}

// importBank answers POST /banks/:course_id/import with what it created,
// updated and left unchanged; any item that is not valid refuses the whole
// import (400 invalid-bank-import naming the item and why).
func (s *server) importBank(c *gin.Context) {
	var b bankExport
	if !ginproblem.BindJSON(c, s.log, &b, maxImport) {
		return
	}
	if b.Format != BankFormat {
		fail(c, s.log, bank.ErrImportFormat)
		return
	}
	entries := make([]bank.Entry, len(b.Questions))
	for i, q := range b.Questions {
		entries[i] = q.entry()
	}
	sum, err := s.app.Commands.ImportBank.Handle(c.Request.Context(), command.ImportBankInput{
		Caller: callerOf(c), CourseID: c.Param("course_id"), Entries: entries,
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, gin.H{"created": sum.Created, "updated": sum.Updated, "unchanged": sum.Unchanged}, nil)
}
