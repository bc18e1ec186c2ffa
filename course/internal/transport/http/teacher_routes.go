package http

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/query"
)

type rosterJSON struct {
	EnrollmentID     string        `json:"enrollment_id"`
	StudentID        string        `json:"student_id"`
	StudentName      string        `json:"student_name"`
	StudentEmail     string        `json:"student_email"`
	Status           string        `json:"status"`
	WaitlistPosition int           `json:"waitlist_position,omitempty"`
	Progress         progressJSON  `json:"progress"`
	Approval         *approvalJSON `json:"approval,omitempty"`
	timesJSON
}

func toRosterJSON(e query.RosterEntry) rosterJSON {
	return rosterJSON{EnrollmentID: e.EnrollmentID, StudentID: e.StudentID, StudentName: e.Student.Name,
		StudentEmail: e.Student.Email, Status: e.Status, WaitlistPosition: e.WaitlistPosition,
		Progress: toProgressJSON(e.Progress), Approval: toApprovalJSON(e.Approval), timesJSON: toTimesJSON(e.Times)}
}

// roster answers GET /api/v1/courses/{id}/roster for the course's teachers.
func (s *server) roster(c *gin.Context) {
	entries, err := s.app.Queries.GetRoster.Handle(c.Request.Context(), query.GetRosterInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]rosterJSON, len(entries))
	for i, e := range entries {
		out[i] = toRosterJSON(e)
	}
	c.JSON(http.StatusOK, gin.H{"students": out})
}

type resultJSON struct {
	Points  float64 `json:"points"`
	Maximum float64 `json:"maximum"`
	Passed  bool    `json:"passed"`
}

type gradeJSON struct {
	CourseID        string     `json:"course_id"`
	StudentID       string     `json:"student_id"`
	TestID          string     `json:"test_id"`
	Attempts        int        `json:"attempts"`
	Best            resultJSON `json:"best"`
	Latest          resultJSON `json:"latest"`
	LatestAttemptID string     `json:"latest_attempt_id"`
	LatestGradedAt  time.Time  `json:"latest_graded_at"`
}

func toGradesJSON(grades []query.Grade) []gradeJSON {
	out := make([]gradeJSON, len(grades))
	for i, g := range grades {
		out[i] = gradeJSON{
			CourseID: g.CourseID, StudentID: g.StudentID, TestID: g.TestID, Attempts: g.Attempts,
			Best:            resultJSON{Points: g.Best.Points, Maximum: g.Best.Maximum, Passed: g.Best.Passed},
			Latest:          resultJSON{Points: g.Latest.Points, Maximum: g.Latest.Maximum, Passed: g.Latest.Passed},
			LatestAttemptID: g.LatestAttemptID, LatestGradedAt: g.LatestGradedAt,
		}
	}
	return out
}

// gradebookJSON is a grade as the course's teachers see it, with the
// student's name.
type gradebookJSON struct {
	gradeJSON
	StudentName  string `json:"student_name"`
	StudentEmail string `json:"student_email"`
}

// gradebook answers GET /api/v1/courses/{id}/gradebook for the course's
// teachers: every student's best and latest score per test.
func (s *server) gradebook(c *gin.Context) {
	grades, err := s.app.Queries.GetGrades.Handle(c.Request.Context(), query.GetGradesInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]gradebookJSON, len(grades))
	for i, g := range toGradesJSON(grades) {
		out[i] = gradebookJSON{gradeJSON: g, StudentName: grades[i].Student.Name, StudentEmail: grades[i].Student.Email}
	}
	c.JSON(http.StatusOK, gin.H{"grades": out})
}

// gradebookCSV answers GET /api/v1/courses/{id}/gradebook.csv: the same
// gradebook as a spreadsheet-ready CSV download.
func (s *server) gradebookCSV(c *gin.Context) {
	grades, err := s.app.Queries.GetGrades.Handle(c.Request.Context(), query.GetGradesInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="gradebook-`+c.Param("id")+`.csv"`)
	c.Status(http.StatusOK)
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"student_id", "student_name", "student_email", "test_id", "attempts", "best_points", "best_maximum", "best_passed",
		"latest_points", "latest_maximum", "latest_passed", "latest_graded_at"})
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	for _, g := range grades {
		_ = w.Write([]string{cell(g.StudentID), cell(g.Student.Name), cell(g.Student.Email), cell(g.TestID), strconv.Itoa(g.Attempts),
			num(g.Best.Points), num(g.Best.Maximum), strconv.FormatBool(g.Best.Passed),
			num(g.Latest.Points), num(g.Latest.Maximum), strconv.FormatBool(g.Latest.Passed),
			g.LatestGradedAt.UTC().Format(time.RFC3339)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		s.log.WarnContext(c.Request.Context(), "gradebook csv cut short", "course_id", c.Param("id"), "error", err)
	}
}

// cell keeps a spreadsheet from reading an id or a name as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
