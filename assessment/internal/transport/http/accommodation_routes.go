package http

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/accommodation"
)

// termsBody is a student's terms as a teacher writes them: totals, not
// increments.
type termsBody struct {
	TimeFactor       float64    `json:"time_factor"`
	ExtraTimeMinutes int        `json:"extra_time_minutes"`
	ClosesAt         *time.Time `json:"closes_at"`
	ExtraAttempts    int        `json:"extra_attempts"`
}

// grantBody is the body of PUT /tests/:id/accommodations/:student.
type grantBody struct {
	termsBody
	Reason string `json:"reason"`
}

func (b termsBody) terms() accommodation.Terms {
	t := accommodation.Terms{TimeFactor: b.TimeFactor, ExtraTime: time.Duration(b.ExtraTimeMinutes) * time.Minute, ExtraAttempts: b.ExtraAttempts}
	if b.ClosesAt != nil {
		t.Closes = b.ClosesAt.UTC()
	}
	return t
}

// termsView is a student's terms as the API shows them.
type termsView struct {
	TimeFactor       float64    `json:"time_factor"`
	ExtraTimeMinutes int        `json:"extra_time_minutes"`
	ClosesAt         *time.Time `json:"closes_at"`
	ExtraAttempts    int        `json:"extra_attempts"`
}

func viewTerms(t accommodation.Terms) termsView {
	f := t.TimeFactor
	if f == 0 {
		f = 1
	}
	return termsView{TimeFactor: f, ExtraTimeMinutes: int(t.ExtraTime / time.Minute), ClosesAt: ptr(t.Closes), ExtraAttempts: t.ExtraAttempts}
}

type changeView struct {
	Terms     termsView `json:"terms"`
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
	Reason    string    `json:"reason"`
}

type extensionView struct {
	AttemptID string    `json:"attempt_id"`
	Deadline  time.Time `json:"deadline"`
}

// accommodationView is one student's accommodation as the course's staff
// sees it.
type accommodationView struct {
	TestID    string       `json:"test_id"`
	StudentID string       `json:"student_id"`
	Terms     termsView    `json:"terms"`
	Changes   []changeView `json:"changes"`
}

func viewAccommodation(a *accommodation.Accommodation) accommodationView {
	v := accommodationView{TestID: a.TestID(), StudentID: a.StudentID(), Terms: viewTerms(a.Terms()), Changes: []changeView{}}
	for _, c := range a.Changes() {
		v.Changes = append(v.Changes, changeView{Terms: viewTerms(c.Terms), ChangedBy: c.By, ChangedAt: c.At, Reason: c.Reason})
	}
	return v
}

// grantAccommodation answers PUT /tests/:id/accommodations/:student: the
// student's terms become those of the body (200 whether they changed or
// not: the same body again changes nothing), with the attempts in progress
// whose deadline they moved.
func (s *server) grantAccommodation(c *gin.Context) {
	var b grantBody
	if !s.bind(c, &b) {
		return
	}
	g, err := s.app.Commands.GrantAccommodation.Handle(c.Request.Context(), command.GrantAccommodationInput{
		Caller: callerOf(c), TestID: c.Param("id"), StudentID: c.Param("student"), Terms: b.terms(), Reason: b.Reason,
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := struct {
		accommodationView
		Changed          bool            `json:"changed"`
		ExtendedAttempts []extensionView `json:"extended_attempts"`
	}{accommodationView: viewAccommodation(g.Accommodation), Changed: g.Changed, ExtendedAttempts: []extensionView{}}
	for _, x := range g.Extensions {
		out.ExtendedAttempts = append(out.ExtendedAttempts, extensionView{AttemptID: x.AttemptID, Deadline: x.Deadline})
	}
	s.reply(c, http.StatusOK, out, nil)
}

// listAccommodations answers GET /tests/:id/accommodations for the course's
// staff: every student's terms with who changed them, when and why.
func (s *server) listAccommodations(c *gin.Context) {
	list, err := s.app.Queries.ListAccommodations.Handle(c.Request.Context(), query.ListAccommodationsInput{Caller: callerOf(c), TestID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]accommodationView, len(list))
	for i, a := range list {
		out[i] = viewAccommodation(a)
	}
	s.reply(c, http.StatusOK, gin.H{"accommodations": out}, nil)
}
