package http

import (
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/gradebook"
	"lms/shared/problem"
)

type cellJSON struct {
	Points     *float64 `json:"points"`
	Counted    *float64 `json:"counted"`
	Overridden bool     `json:"overridden"`
	Excused    bool     `json:"excused"`
	Dropped    bool     `json:"dropped"`
}

type bookRowJSON struct {
	StudentID    string              `json:"student_id"`
	StudentName  string              `json:"student_name,omitempty"`
	StudentEmail string              `json:"student_email,omitempty"`
	EnrollmentID string              `json:"enrollment_id"`
	Items        map[string]cellJSON `json:"items"`
	Categories   map[string]float64  `json:"categories"`
	Computed     *float64            `json:"computed_final_grade"`
	Final        *float64            `json:"final_grade"`
	Overridden   bool                `json:"final_overridden"`
	Letter       string              `json:"letter"`
	Version      int64               `json:"version"`
}

func toBookRowJSON(r query.BookRow) bookRowJSON {
	out := bookRowJSON{StudentID: r.ID, StudentName: r.Student.Name, StudentEmail: r.Student.Email, EnrollmentID: r.EnrollmentID,
		Items: map[string]cellJSON{}, Categories: r.Result.Categories, Computed: r.Result.Computed, Final: r.Result.Final,
		Overridden: r.Result.Overridden, Letter: r.Result.Letter, Version: r.Version}
	for id, cell := range r.Cells {
		cj := cellJSON{Points: cell.Points, Overridden: cell.Override != nil, Excused: cell.Excused, Dropped: r.Result.Dropped[id]}
		if v, ok := cell.Counts(); ok {
			cj.Counted = &v
		}
		out.Items[id] = cj
	}
	return out
}

// gradebookBook answers GET .../gradebook/book for those who see grades.
func (s *server) gradebookBook(c *gin.Context) {
	b, err := s.app.Queries.GetGradebook.Handle(c.Request.Context(), query.GetGradebookInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	rows := make([]bookRowJSON, len(b.Rows))
	for i, r := range b.Rows {
		rows[i] = toBookRowJSON(r)
	}
	c.JSON(http.StatusOK, gin.H{"setup": toSetupJSON(b.Setup), "students": rows})
}

// myGradebook answers GET .../gradebook/mine: the student's own row.
func (s *server) myGradebook(c *gin.Context) {
	b, err := s.app.Queries.GetMyGradebook.Handle(c.Request.Context(), query.GetMyGradebookInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	row := toBookRowJSON(b.Rows[0])
	c.JSON(http.StatusOK, gin.H{"setup": toSetupJSON(b.Setup), "items": row.Items, "categories": row.Categories,
		"final_grade": row.Final, "letter": row.Letter})
}

// gradebookBookCSV answers GET .../gradebook/book.csv: a row per student;
// columns the items (points that count, "excused"), the categories'
// percentages, the final grade and the letter.
func (s *server) gradebookBookCSV(c *gin.Context) {
	b, err := s.app.Queries.GetGradebook.Handle(c.Request.Context(), query.GetGradebookInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="gradebook-book-`+c.Param("id")+`.csv"`)
	c.Status(http.StatusOK)
	writeBookCSV(c.Writer, b)
}

func writeBookCSV(w io.Writer, b query.Book) {
	cw := csv.NewWriter(w)
	header := []string{"student_id", "student_name", "student_email"}
	for _, it := range b.Setup.Items {
		header = append(header, cell(it.ID))
	}
	for _, cat := range b.Setup.Categories {
		header = append(header, cell("category:"+cat.ID))
	}
	header = append(header, "final_grade", "letter")
	_ = cw.Write(header)
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	line := make([]string, 0, len(header))
	for _, r := range b.Rows {
		line = append(line[:0], cell(r.ID), cell(r.Student.Name), cell(r.Student.Email))
		for _, it := range b.Setup.Items {
			v, ok := r.Cells[it.ID].Counts()
			switch {
			case r.Cells[it.ID].Excused:
				line = append(line, "excused")
			case ok:
				line = append(line, num(v))
			default:
				line = append(line, "")
			}
		}
		for _, cat := range b.Setup.Categories {
			if v, ok := r.Result.Categories[cat.ID]; ok {
				line = append(line, num(v))
			} else {
				line = append(line, "")
			}
		}
		final := ""
		if r.Result.Final != nil {
			final = num(*r.Result.Final)
		}
		line = append(line, final, cell(r.Result.Letter))
		_ = cw.Write(line)
	}
	cw.Flush()
}

type rowErrorJSON struct {
	Row    int    `json:"row"`
	Reason string `json:"reason"`
}

type cellChangeJSON struct {
	Row       int      `json:"row"`
	StudentID string   `json:"student_id"`
	ItemID    string   `json:"item_id"`
	Previous  *float64 `json:"previous_points"`
	Points    *float64 `json:"points"`
}

// importProblem is the refusal of an import, with every bad row.
type importProblem struct {
	problem.Details
	Errors []rowErrorJSON `json:"errors"`
}

// maxImport bounds an import's file: 500 students and 500 items of short
// numbers fit well under it.
const maxImport = 4 << 20

// importGrades answers POST .../gradebook/import[?dry_run=true] with a CSV
// body: a header student_id, then manual items' ids (student_name and
// student_email columns are ignored), one line per student; blank cells
// change nothing.
func (s *server) importGrades(c *gin.Context) {
	dry := c.Query("dry_run") == "true"
	items, rows, unreadable := readImport(http.MaxBytesReader(c.Writer, c.Request.Body, maxImport))
	imported, err := s.app.Commands.ImportGrades.Handle(c.Request.Context(), command.ImportGradesInput{
		Caller: callerOf(c), CourseID: c.Param("id"), Items: items, Rows: rows, Unreadable: unreadable, DryRun: dry})
	if errors.Is(err, gradebook.ErrImportRefused) {
		list := make([]rowErrorJSON, len(imported.Bad))
		for i, e := range imported.Bad {
			list[i] = rowErrorJSON{Row: e.Line, Reason: e.Reason}
		}
		if dry {
			c.JSON(http.StatusOK, gin.H{"dry_run": true, "accepted": false, "errors": list, "changes": []cellChangeJSON{},
				"final_grades_changed": []finalChangeJSON{}})
			return
		}
		d := problem.FromError(err)
		c.Header("Content-Type", problem.ContentType)
		c.JSON(d.Status, importProblem{Details: d, Errors: list})
		return
	}
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := imported.Outcome
	changes := make([]cellChangeJSON, len(out.Cells))
	for i, ch := range out.Cells {
		changes[i] = cellChangeJSON{Row: ch.Line, StudentID: ch.StudentID, ItemID: ch.ItemID, Previous: ch.Previous, Points: ch.Points}
	}
	c.JSON(http.StatusOK, gin.H{"dry_run": dry, "accepted": true, "errors": []rowErrorJSON{}, "changes": changes,
		"final_grades_changed": toFinalChangesJSON(out.Finals)})
}

// readImport parses the CSV: the header's item columns and the rows, or
// the lines it cannot read (refused after the caller's access is checked).
func readImport(body io.Reader) ([]string, []gradebook.ImportRow, []gradebook.RowError) {
	r := csv.NewReader(body)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, []gradebook.RowError{{Line: 1, Reason: "no header line: student_id, then manual items' ids"}}
	}
	var (
		items   []string
		columns []int
		bad     []gradebook.RowError
	)
	student := -1
	for i, h := range header {
		h = unescapeCell(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "student_id":
			student = i
		case "student_name", "student_email":
		default:
			items, columns = append(items, h), append(columns, i)
		}
	}
	if student < 0 {
		bad = append(bad, gradebook.RowError{Line: 1, Reason: "no student_id column"})
	}
	var rows []gradebook.ImportRow
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			bad = append(bad, gradebook.RowError{Line: line, Reason: "the file is larger than 4 MiB"})
			break
		}
		if err != nil {
			bad = append(bad, gradebook.RowError{Line: line, Reason: "not a CSV line: " + err.Error()})
			break
		}
		if len(rec) != len(header) {
			bad = append(bad, gradebook.RowError{Line: line, Reason: "has " + strconv.Itoa(len(rec)) + " cells, the header " + strconv.Itoa(len(header))})
			continue
		}
		if student < 0 {
			continue
		}
		row := gradebook.ImportRow{Line: line, StudentID: unescapeCell(strings.TrimSpace(rec[student])), Points: map[string]string{}}
		for k, col := range columns {
			row.Points[items[k]] = strings.TrimSpace(rec[col])
		}
		rows = append(rows, row)
	}
	return items, rows, bad
}

// unescapeCell undoes cell: an export read back names the same ids.
func unescapeCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

type auditJSON struct {
	StudentID string    `json:"student_id"`
	ItemID    string    `json:"item_id"`
	Action    string    `json:"action"`
	Previous  *float64  `json:"previous"`
	Value     *float64  `json:"value"`
	Reason    string    `json:"reason"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// gradebookHistory answers GET .../gradebook/history: every manual grade,
// excused item and override, who, when and why.
func (s *server) gradebookHistory(c *gin.Context) {
	entries, err := s.app.Queries.ListGradebookAudit.Handle(c.Request.Context(), query.ListGradebookAuditInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]auditJSON, len(entries))
	for i, e := range entries {
		out[i] = auditJSON(e)
	}
	c.JSON(http.StatusOK, gin.H{"history": out})
}
