package engine

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lms/infra/sim/scenario"
)

// course is a scenario course as built through the API.
type course struct {
	sc    scenario.Course
	id    string
	path  string
	seats int
	owner *person
	// assistants are the scenario's other teachers, teaching assistants
	// of the course: they grade with its owner.
	assistants []*person
	lessons    []string
	tests      []*test
	prereqs    []*course

	// decided closes when every student who takes the course has had her
	// request for a seat decided (or gave up): tests start after it.
	decided   sync.WaitGroup
	decidedCh chan struct{}
	// delay is how much later than the scenario says its tests start; set
	// before decidedCh closes.
	delay time.Duration
}

// test is a scenario test as written through the API.
type test struct {
	sc        scenario.Test
	id        string
	course    *course
	limit     time.Duration
	questions map[string]question
	// finished closes when every taker is done with the test (submitted,
	// left to the clock, or never got to it).
	finished   sync.WaitGroup
	finishedCh chan struct{}
	// releaseSent is when the teacher sent the release, in Unix nanoseconds.
	releaseSent atomic.Int64
}

// question is what the simulator knows of a question: its kind and points,
// and its right answer.
type question struct {
	id     string
	kind   string
	points float64
	right  map[string]any
	wrong  map[string]any
}

func (r *run) setup(ctx context.Context) error {
	r.admin = &person{c: r.c, email: r.cfg.AdminEmail, password: r.cfg.AdminPassword}
	if err := r.admin.login(ctx); err != nil {
		return fmt.Errorf("the administrator %s cannot sign in: %w", r.cfg.AdminEmail, err)
	}
	for i := range r.sc.Teachers {
		t, err := r.newTeacher(ctx, i)
		if err != nil {
			return err
		}
		r.teachers = append(r.teachers, t)
	}
	byKey := map[string]*course{}
	for i, sc := range r.sc.Courses {
		c := &course{sc: sc, seats: sc.Seats(r.students), owner: r.teachers[i%len(r.teachers)], decidedCh: make(chan struct{})}
		for _, p := range sc.Prerequisites {
			c.prereqs = append(c.prereqs, byKey[p])
		}
		if err := r.buildCourse(ctx, c); err != nil {
			return fmt.Errorf("course %s: %w", sc.Key, err)
		}
		byKey[sc.Key] = c
		r.courses = append(r.courses, c)
	}
	r.cohort()
	return nil
}

// newTeacher has the administrator create a teacher's account, then signs
// her in.
func (r *run) newTeacher(ctx context.Context, i int) (*person, error) {
	t := &person{c: r.c, email: fmt.Sprintf("%s-t%02d@sim.lms.local", r.tag, i), name: fmt.Sprintf("Teacher %d", i+1), password: password}
	res, err := r.admin.call(ctx, "create user", http.MethodPost, "/api/v1/users",
		map[string]any{"email": t.email, "display_name": t.name, "password": t.password, "roles": []string{"teacher"}}, nil)
	if err != nil && res.Status != http.StatusConflict {
		return nil, fmt.Errorf("create teacher %s: %w", t.email, err)
	}
	return t, t.login(ctx)
}

func (r *run) courseDetails(c *course, required []string) map[string]any {
	d := map[string]any{
		"code":           "SIM-" + strings.ToUpper(r.tag[max(0, len(r.tag)-10):]) + "-" + strings.ToUpper(c.sc.Key),
		"title":          c.sc.Title,
		"description":    "A course of the simulation " + r.id + ".",
		"prerequisites":  []string{},
		"required_tests": required,
	}
	if c.seats > 0 {
		d["capacity"] = c.seats
	}
	for _, p := range c.prereqs {
		d["prerequisites"] = append(d["prerequisites"].([]string), p.id)
	}
	return d
}

// staff are the course's graders: its owner and its assistants.
func (c *course) staff() []*person { return append([]*person{c.owner}, c.assistants...) }

func (r *run) buildCourse(ctx context.Context, c *course) error {
	t := c.owner
	var created struct {
		ID string `json:"id"`
	}
	if _, err := t.call(ctx, "create course", http.MethodPost, "/api/v1/courses", r.courseDetails(c, []string{}), &created); err != nil {
		return err
	}
	c.id, c.path = created.ID, "/api/v1/courses/"+created.ID
	for i := range c.sc.Lessons {
		var l struct {
			ID string `json:"id"`
		}
		body := map[string]any{"title": fmt.Sprintf("Lesson %d", i+1), "body": fmt.Sprintf("# Lesson %d\n\nRead, then mark it done.", i+1), "minutes": 10}
		if _, err := t.call(ctx, "create lesson", http.MethodPost, c.path+"/lessons", body, &l); err != nil {
			return err
		}
		if _, err := t.call(ctx, "publish lesson", http.MethodPost, c.path+"/lessons/"+l.ID+"/publish", nil, nil); err != nil {
			return err
		}
		c.lessons = append(c.lessons, l.ID)
	}
	if _, err := t.call(ctx, "publish course", http.MethodPost, c.path+"/publish", nil, nil); err != nil {
		return err
	}
	for _, other := range r.teachers {
		if other == t {
			continue
		}
		body := map[string]any{"user_id": other.id, "role": "teaching_assistant"}
		if _, err := t.call(ctx, "add assistant", http.MethodPost, c.path+"/staff", body, nil); err != nil {
			return err
		}
		c.assistants = append(c.assistants, other)
	}
	var required []string
	for _, ts := range c.sc.Tests {
		tt := &test{sc: ts, course: c, finishedCh: make(chan struct{}), limit: max(5*time.Second, r.scale(ts.TimeLimit.D())).Round(time.Second)}
		if err := r.writeTest(ctx, tt); err != nil {
			return fmt.Errorf("test %s: %w", ts.Key, err)
		}
		c.tests = append(c.tests, tt)
		if ts.Required {
			required = append(required, tt.id)
		}
	}
	if len(required) > 0 {
		if _, err := t.call(ctx, "edit course", http.MethodPut, c.path, r.courseDetails(c, required), nil); err != nil {
			return err
		}
	}
	return nil
}

// writeTest writes the test and publishes it. The assessment service learns
// of the course from Kafka, so it may not know it for a moment.
func (r *run) writeTest(ctx context.Context, t *test) error {
	qs, total := questions(t.sc)
	t.questions = map[string]question{}
	body := map[string]any{
		"course_id": t.course.id, "title": t.sc.Title, "time_limit_seconds": int(math.Round(t.limit.Seconds())),
		"max_attempts": 1, "passing_score": math.Floor(total / 2), "results_visibility": t.sc.Results,
		"shuffle_options": true,
	}
	var keyed []map[string]any
	for _, q := range qs {
		t.questions[q.id] = q
		keyed = append(keyed, keyedQuestion(q))
	}
	body["questions"] = keyed
	var created struct {
		ID string `json:"id"`
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := t.course.owner.call(ctx, "create test", http.MethodPost, "/api/v1/tests", body, &created)
		if err == nil {
			break
		}
		if time.Now().After(deadline) || (res.Status != http.StatusNotFound && res.Status != http.StatusConflict && res.Status < 500) {
			return err
		}
		if err := sleepUntil(ctx, time.Now().Add(500*time.Millisecond)); err != nil {
			return err
		}
	}
	t.id = created.ID
	_, err := t.course.owner.call(ctx, "publish test", http.MethodPost, "/api/v1/tests/"+t.id+"/publish", nil, nil)
	return err
}

// questions makes the test's questions: objective ones of three kinds in
// turn (2 points each), then essays (3 points each).
func questions(t scenario.Test) ([]question, float64) {
	var qs []question
	total := 0.0
	for i := range t.Objective {
		q := question{id: "q" + strconv.Itoa(i+1), points: 2}
		switch i % 3 {
		case 0:
			q.kind, q.right, q.wrong = "single_choice", map[string]any{"options": []string{"a"}}, map[string]any{"options": []string{"b"}}
		case 1:
			q.kind, q.right, q.wrong = "true_false", map[string]any{"bool": true}, map[string]any{"bool": false}
		default:
			q.kind, q.right, q.wrong = "numeric", map[string]any{"number": 42}, map[string]any{"number": 41}
		}
		qs = append(qs, q)
		total += q.points
	}
	for i := range t.Essays {
		qs = append(qs, question{id: "essay" + strconv.Itoa(i+1), kind: "essay", points: 3})
		total += 3
	}
	return qs, total
}

func keyedQuestion(q question) map[string]any {
	k := map[string]any{"id": q.id, "kind": q.kind, "prompt": "Question " + q.id, "points": q.points}
	switch q.kind {
	case "single_choice":
		k["options"] = []map[string]any{{"id": "a", "text": "The first in line", "correct": true}, {"id": "b", "text": "Anyone"}, {"id": "c", "text": "Nobody"}}
	case "true_false":
		k["correct"] = true
	case "numeric":
		k["value"], k["tolerance"] = 42, 0
	}
	return k
}

// cohort draws every student: behaviour, courses taken, moments.
func (r *run) cohort() {
	for i := range r.students {
		s := newStudent(r, i)
		r.pupils = append(r.pupils, s)
	}
}

// openGates waits, per course, for every taker's seat decision, and per
// test for every taker to be done; the scenario's clock has started.
func (r *run) openGates() {
	for _, c := range r.courses {
		go func() {
			c.decided.Wait()
			// The course's tests move on, together, by as long as the
			// decisions came after the first of them was due.
			if len(c.tests) > 0 {
				first := c.tests[0].sc.Start.From.D()
				for _, t := range c.tests {
					first = min(first, t.sc.Start.From.D())
				}
				c.delay = max(0, time.Since(r.at(first)))
				r.heldUp(c.delay)
			}
			close(c.decidedCh)
		}()
		for _, t := range c.tests {
			go func() {
				t.finished.Wait()
				close(t.finishedCh)
			}()
		}
	}
}
