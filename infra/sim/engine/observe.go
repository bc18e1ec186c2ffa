package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"lms/infra/sim/client"
	"lms/infra/sim/ledger"
)

// observers is how many reads of the final state run at once.
const observers = 16

// observe reads what the API shows at the end, each thing as the person who
// may read it.
func (r *run) observe(ctx context.Context) ledger.Observed {
	o := ledger.Observed{
		Courses: map[string]ledger.CourseView{}, Enrollments: map[ledger.Key]ledger.EnrollmentView{},
		Attempts: map[string]ledger.AttemptView{}, Gradebook: map[ledger.GradeKey]int{}, Certificates: map[string]ledger.CertificateView{},
	}
	var mu sync.Mutex
	jobs := make(chan func())
	var wg sync.WaitGroup
	for range observers {
		wg.Go(func() {
			for job := range jobs {
				job()
			}
		})
	}
	byID := map[string]*student{}
	for _, s := range r.pupils {
		byID[s.p.id] = s
	}
	courses := map[string]*course{}
	for _, c := range r.courses {
		courses[c.id] = c
		jobs <- func() {
			v := r.roster(ctx, c)
			book := r.gradebook(ctx, c)
			mu.Lock()
			defer mu.Unlock()
			o.Courses[c.id] = v
			for k, n := range book {
				o.Gradebook[k] = n
			}
		}
	}
	for _, e := range r.led.Enrolls() {
		s, c := byID[e.Student], courses[e.Course]
		jobs <- func() {
			v := s.readEnrollment(ctx, c)
			var cert ledger.CertificateView
			if v.CertificateID != "" {
				cert = r.verify(ctx, v.CertificateID)
			}
			mu.Lock()
			defer mu.Unlock()
			o.Enrollments[ledger.Key{Student: e.Student, Course: e.Course}] = v
			if v.CertificateID != "" {
				o.Certificates[v.CertificateID] = cert
			}
		}
	}
	for _, st := range r.led.Starts() {
		s, c := byID[st.Student], courses[st.Course]
		jobs <- func() {
			v := r.readAttempt(ctx, s.p, c.owner, st.Attempt)
			mu.Lock()
			defer mu.Unlock()
			o.Attempts[st.Attempt] = v
		}
	}
	close(jobs)
	wg.Wait()
	return o
}

func (r *run) roster(ctx context.Context, c *course) ledger.CourseView {
	var roster struct {
		Students []struct {
			StudentID        string     `json:"student_id"`
			Status           string     `json:"status"`
			WaitlistedAt     *time.Time `json:"waitlisted_at"`
			ActivatedAt      *time.Time `json:"activated_at"`
			WaitlistPosition int        `json:"waitlist_position"`
		} `json:"students"`
	}
	v := ledger.CourseView{Capacity: c.seats}
	if _, err := c.owner.call(ctx, "roster", http.MethodGet, c.path+"/roster", nil, &roster); err != nil {
		r.fail("reading the roster of "+c.sc.Key, err)
		return v
	}
	for _, e := range roster.Students {
		v.Roster = append(v.Roster, ledger.RosterEntry{Student: e.StudentID, Status: e.Status, WaitlistedAt: e.WaitlistedAt,
			ActivatedAt: e.ActivatedAt, WaitlistPostion: e.WaitlistPosition})
	}
	return v
}

func (r *run) gradebook(ctx context.Context, c *course) map[ledger.GradeKey]int {
	var book struct {
		Grades []struct {
			StudentID string `json:"student_id"`
			TestID    string `json:"test_id"`
			Attempts  int    `json:"attempts"`
		} `json:"grades"`
	}
	out := map[ledger.GradeKey]int{}
	if _, err := c.owner.call(ctx, "gradebook", http.MethodGet, c.path+"/gradebook", nil, &book); err != nil {
		r.fail("reading the gradebook of "+c.sc.Key, err)
		return out
	}
	for _, g := range book.Grades {
		out[ledger.GradeKey{Student: g.StudentID, Test: g.TestID}] = g.Attempts
	}
	return out
}

func (s *student) readEnrollment(ctx context.Context, c *course) ledger.EnrollmentView {
	res, err := s.p.c.Do(ctx, client.Request{Op: "read enrollment", Method: http.MethodGet, Path: c.path + "/enrollment", Auth: s.p})
	if err != nil || !res.OK() {
		if err != nil || res.Status != http.StatusNotFound {
			if err == nil {
				err = fmt.Errorf("answered %s", res)
			}
			s.r.fail(s.name(), fmt.Errorf("the final reading of her enrollment in %s: %w", c.sc.Key, err))
			return ledger.EnrollmentView{Unread: true}
		}
		return ledger.EnrollmentView{}
	}
	var e myCourse
	if err := res.JSON(&e); err != nil {
		s.r.fail(s.name(), err)
		return ledger.EnrollmentView{Unread: true}
	}
	return ledger.EnrollmentView{Found: true, Status: e.Status, LessonsCompleted: e.Progress.LessonsCompleted, FinalGrade: e.FinalGrade, CertificateID: e.CertificateID}
}

func (r *run) verify(ctx context.Context, id string) ledger.CertificateView {
	res, err := r.c.Do(ctx, client.Request{Op: "verify certificate", Method: http.MethodGet, Path: "/api/v1/certificates/" + id})
	if err != nil || !res.OK() {
		return ledger.CertificateView{}
	}
	var c struct {
		Status string `json:"status"`
	}
	_ = res.JSON(&c)
	return ledger.CertificateView{Found: true, Valid: c.Status == "valid"}
}

// readAttempt reads the attempt as its student (answers, state, result) and
// as its teacher (manual scores, regrades).
func (r *run) readAttempt(ctx context.Context, student, teacher *person, id string) ledger.AttemptView {
	var mine struct {
		State       string                    `json:"state"`
		SubmittedBy string                    `json:"submitted_by"`
		Answers     map[string]map[string]any `json:"answers"`
		Result      *struct {
			Passed bool `json:"passed"`
		} `json:"result"`
	}
	res, err := r.c.Do(ctx, client.Request{Op: "read attempt", Method: http.MethodGet, Path: "/api/v1/attempts/" + id, Auth: student})
	if err != nil || !res.OK() {
		if err != nil || res.Status != http.StatusNotFound {
			if err == nil {
				err = fmt.Errorf("answered %s", res)
			}
			r.fail("reading attempt "+id, err)
			return ledger.AttemptView{Unread: true}
		}
		return ledger.AttemptView{}
	}
	if err := res.JSON(&mine); err != nil {
		r.fail("reading attempt "+id, err)
		return ledger.AttemptView{Unread: true}
	}
	v := ledger.AttemptView{Found: true, State: mine.State, SubmittedBy: mine.SubmittedBy, Answers: map[string]string{},
		Manual: map[string]float64{}, ResultShown: mine.Result != nil}
	if mine.Result != nil {
		v.Passed = &mine.Result.Passed
	}
	for q, a := range mine.Answers {
		delete(a, "saved_at")
		b, _ := json.Marshal(a)
		v.Answers[q] = string(b)
	}
	var theirs struct {
		Results map[string]struct {
			ManualScore *float64 `json:"manual_score"`
		} `json:"results"`
		Regrades []json.RawMessage `json:"regrades"`
	}
	if _, err := teacher.call(ctx, "teacher reads", http.MethodGet, "/api/v1/attempts/"+id, nil, &theirs); err != nil {
		r.fail("reading attempt "+id+" as its teacher", err)
		return v
	}
	for q, res := range theirs.Results {
		if res.ManualScore != nil {
			v.Manual[q] = *res.ManualScore
		}
	}
	v.Regrades = len(theirs.Regrades)
	return v
}
