package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/gradebook"
)

// gradebookRoutes are the weighted gradebook's routes under
// /api/v1/courses/{id}/gradebook/.
func (s *server) gradebookRoutes(g *gin.RouterGroup) {
	g.GET("/:id/gradebook/setup", s.gradebookSetup)
	g.PUT("/:id/gradebook/categories", s.setCategories)
	g.PUT("/:id/gradebook/items/:item", s.putItem)
	g.DELETE("/:id/gradebook/items/:item", s.removeItem)
	g.PUT("/:id/gradebook/letter-scheme", s.setLetters)
	g.PUT("/:id/gradebook/students/:student/items/:item/grade", s.gradeItem)
	g.PUT("/:id/gradebook/students/:student/items/:item/excused", s.excuse(true))
	g.DELETE("/:id/gradebook/students/:student/items/:item/excused", s.excuse(false))
	g.PUT("/:id/gradebook/students/:student/items/:item/override", s.overrideItem(true))
	g.DELETE("/:id/gradebook/students/:student/items/:item/override", s.overrideItem(false))
	g.PUT("/:id/gradebook/students/:student/final-override", s.overrideFinal(true))
	g.DELETE("/:id/gradebook/students/:student/final-override", s.overrideFinal(false))
	g.GET("/:id/gradebook/book", s.gradebookBook)
	g.GET("/:id/gradebook/book.csv", s.gradebookBookCSV)
	g.POST("/:id/gradebook/import", s.importGrades)
	g.GET("/:id/gradebook/history", s.gradebookHistory)
	g.GET("/:id/gradebook/mine", s.myGradebook)
}

type categoryJSON struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Weight     float64 `json:"weight"`
	DropLowest int     `json:"drop_lowest"`
}

type itemJSON struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	Title      string  `json:"title"`
	MaxPoints  float64 `json:"max_points"`
	CategoryID string  `json:"category_id"`
}

type bandJSON struct {
	Letter string  `json:"letter"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

type setupJSON struct {
	Categories []categoryJSON `json:"categories"`
	Items      []itemJSON     `json:"items"`
	Bands      []bandJSON     `json:"letter_scheme"`
	Weighted   bool           `json:"weighted"`
}

func toItemJSON(it gradebook.Item) itemJSON {
	return itemJSON{ID: it.ID, Kind: string(it.Kind), Title: it.Title, MaxPoints: it.MaxPoints, CategoryID: it.CategoryID}
}

func toSetupJSON(s gradebook.Setup) setupJSON {
	out := setupJSON{Categories: []categoryJSON{}, Items: []itemJSON{}, Bands: []bandJSON{}, Weighted: s.Weighted()}
	for _, c := range s.Categories {
		out.Categories = append(out.Categories, categoryJSON(c))
	}
	for _, it := range s.Items {
		out.Items = append(out.Items, toItemJSON(it))
	}
	for _, b := range s.Letters {
		out.Bands = append(out.Bands, bandJSON(b))
	}
	return out
}

type finalChangeJSON struct {
	StudentID      string   `json:"student_id"`
	Previous       *float64 `json:"previous_final_grade"`
	Final          *float64 `json:"final_grade"`
	PreviousLetter string   `json:"previous_letter"`
	Letter         string   `json:"letter"`
	Overridden     bool     `json:"overridden"`
	Version        int64    `json:"version"`
}

func toFinalChangesJSON(fs []gradebook.FinalChange) []finalChangeJSON {
	out := make([]finalChangeJSON, len(fs))
	for i, f := range fs {
		out[i] = finalChangeJSON{StudentID: f.StudentID, Previous: f.Previous, Final: f.Final, PreviousLetter: f.PreviousLetter,
			Letter: f.Letter, Overridden: f.Overridden, Version: f.Version}
	}
	return out
}

// gradebookSetup answers GET .../gradebook/setup for the course's staff.
func (s *server) gradebookSetup(c *gin.Context) {
	setup, err := s.app.Queries.GetGradebookSetup.Handle(c.Request.Context(), query.GetGradebookSetupInput{Caller: callerOf(c), CourseID: c.Param("id")})
	s.reply(c, http.StatusOK, toSetupJSON(setup), err)
}

// change applies a gradebook change and answers the final grades it changed.
func (s *server) change(c *gin.Context, ch gradebook.Change) {
	out, err := s.app.Commands.ChangeGradebook.Handle(c.Request.Context(), command.ChangeGradebookInput{
		Caller: callerOf(c), CourseID: c.Param("id"), Change: ch})
	s.reply(c, http.StatusOK, gin.H{"final_grades_changed": toFinalChangesJSON(out.Finals)}, err)
}

// setCategories answers PUT .../gradebook/categories: the whole list.
func (s *server) setCategories(c *gin.Context) {
	var in struct {
		Categories []categoryJSON `json:"categories"`
	}
	if !s.bind(c, &in) {
		return
	}
	cs := make([]gradebook.Category, len(in.Categories))
	for i, cat := range in.Categories {
		cs[i] = gradebook.Category(cat)
	}
	s.change(c, gradebook.SetCategories{Categories: cs})
}

// putItem answers PUT .../gradebook/items/{item}: a test put in a category
// (with its maximum) or a manual item added or changed.
func (s *server) putItem(c *gin.Context) {
	var in itemJSON
	if !s.bind(c, &in) {
		return
	}
	ch := &gradebook.PutItem{Item: gradebook.Item{ID: c.Param("item"), Kind: gradebook.Kind(in.Kind), Title: in.Title,
		MaxPoints: in.MaxPoints, CategoryID: in.CategoryID}}
	out, err := s.app.Commands.ChangeGradebook.Handle(c.Request.Context(), command.ChangeGradebookInput{
		Caller: callerOf(c), CourseID: c.Param("id"), Change: ch})
	s.reply(c, http.StatusOK, gin.H{"item": toItemJSON(out.Item), "final_grades_changed": toFinalChangesJSON(out.Finals)}, err)
}

// removeItem answers DELETE .../gradebook/items/{item}: the item and its
// marks leave the gradebook.
func (s *server) removeItem(c *gin.Context) {
	s.change(c, gradebook.RemoveItem{ItemID: c.Param("item")})
}

// setLetters answers PUT .../gradebook/letter-scheme.
func (s *server) setLetters(c *gin.Context) {
	var in struct {
		Bands []bandJSON `json:"bands"`
	}
	if !s.bind(c, &in) {
		return
	}
	sc := make(gradebook.Scheme, len(in.Bands))
	for i, b := range in.Bands {
		sc[i] = gradebook.Band(b)
	}
	s.change(c, gradebook.SetLetters{Scheme: sc})
}

// gradeItem answers PUT .../students/{student}/items/{item}/grade: a manual
// grade (null points clear it).
func (s *server) gradeItem(c *gin.Context) {
	var in struct {
		Points *float64 `json:"points"`
	}
	if !s.bind(c, &in) {
		return
	}
	s.change(c, gradebook.Grade{StudentID: c.Param("student"), ItemID: c.Param("item"), Points: in.Points})
}

type reasonInput struct {
	Reason string `json:"reason"`
}

// excuse answers PUT (excused) and DELETE (no longer) of
// .../students/{student}/items/{item}/excused.
func (s *server) excuse(on bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in reasonInput
		if c.Request.ContentLength != 0 && !s.bind(c, &in) {
			return
		}
		s.change(c, gradebook.Excuse{StudentID: c.Param("student"), ItemID: c.Param("item"), Excused: on, Reason: in.Reason})
	}
}

// overrideItem answers PUT (override) and DELETE (remove it) of
// .../students/{student}/items/{item}/override.
func (s *server) overrideItem(on bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in struct {
			Points *float64 `json:"points"`
			Reason string   `json:"reason"`
		}
		if (on || c.Request.ContentLength != 0) && !s.bind(c, &in) {
			return
		}
		if on && in.Points == nil {
			fail(c, s.log, gradebook.ErrInvalidPoints)
			return
		}
		ch := gradebook.OverrideItem{StudentID: c.Param("student"), ItemID: c.Param("item"), Reason: in.Reason}
		if on {
			ch.Points = in.Points
		}
		s.change(c, ch)
	}
}

// overrideFinal answers PUT (override) and DELETE (remove it) of
// .../students/{student}/final-override.
func (s *server) overrideFinal(on bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in struct {
			Grade  *float64 `json:"grade"`
			Reason string   `json:"reason"`
		}
		if (on || c.Request.ContentLength != 0) && !s.bind(c, &in) {
			return
		}
		if on && in.Grade == nil {
			fail(c, s.log, gradebook.ErrInvalidFinal)
			return
		}
		ch := gradebook.OverrideFinal{StudentID: c.Param("student"), Reason: in.Reason}
		if on {
			ch.Grade = in.Grade
		}
		s.change(c, ch)
	}
}
