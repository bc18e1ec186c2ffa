package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"lms/infra/sim/client"
	"lms/infra/sim/ledger"
	"lms/infra/sim/scenario"
)

// student is one synthetic student and what she drew from the scenario.
type student struct {
	r         *run
	i         int
	p         *person
	rnd       *rand.Rand
	behaviour string
	skill     float64
	state     stateCell

	arrive   time.Duration
	takes    map[*course]bool
	enrollAt map[*course]time.Duration
	drops    map[*course]bool
	startAt  map[*test]time.Duration

	decided   map[*course]bool
	finished  map[*test]bool
	completed map[*course]bool
}

func newStudent(r *run, i int) *student {
	rnd := r.rand(uint64(i) + 1) //nolint:gosec // i counts students from 0
	s := &student{
		r: r, i: i, rnd: rnd,
		p:     &person{c: r.c, email: fmt.Sprintf("%s-s%05d@sim.lms.local", r.tag, i), name: fmt.Sprintf("Student %d", i+1), password: password},
		takes: map[*course]bool{}, enrollAt: map[*course]time.Duration{}, drops: map[*course]bool{}, startAt: map[*test]time.Duration{},
		decided: map[*course]bool{}, finished: map[*test]bool{}, completed: map[*course]bool{},
	}
	s.behaviour = r.sc.Behaviour(rnd)
	s.skill = map[string]float64{scenario.Diligent: 0.95, scenario.Crammer: 0.6}[s.behaviour]
	if s.skill == 0 {
		s.skill = 0.8
	}
	s.arrive = r.sc.Registration.At(rnd)
	for _, c := range r.courses {
		s.takes[c] = rnd.IntN(100) < c.sc.EnrollPercent
		s.enrollAt[c] = c.sc.Enrollment.At(rnd)
		s.drops[c] = rnd.IntN(100) < c.sc.DropPercent
		for _, t := range c.tests {
			s.startAt[t] = t.sc.Start.At(rnd)
			if s.takes[c] {
				t.finished.Add(1)
			}
		}
		if s.takes[c] {
			c.decided.Add(1)
		}
	}
	return s
}

func (s *student) name() string { return fmt.Sprintf("student %d (%s, %s)", s.i, s.behaviour, s.p.id) }

// live is the student's term: arrive, register, then every course she
// takes in turn.
func (s *student) live(ctx context.Context) {
	defer s.releaseAll()
	if sleepUntil(ctx, s.r.at(s.arrive)) != nil {
		return
	}
	select {
	case s.r.signups <- struct{}{}:
	case <-ctx.Done():
		return
	}
	err := s.p.register(ctx)
	<-s.r.signups
	if err != nil {
		s.r.fail(s.name(), err)
		return
	}
	s.state.set(stRegistered)
	for _, c := range s.r.courses {
		if !s.takes[c] {
			continue
		}
		if err := s.course(ctx, c); err != nil && ctx.Err() == nil {
			s.r.fail(s.name(), fmt.Errorf("course %s: %w", c.sc.Key, err))
		}
		s.release(c)
	}
}

// release tells the course's teachers (through its gates) that the student
// will not ask or take anything more there.
func (s *student) release(c *course) {
	if !s.decided[c] {
		s.decided[c] = true
		c.decided.Done()
	}
	for _, t := range c.tests {
		s.finish(t)
	}
}

func (s *student) finish(t *test) {
	if !s.finished[t] {
		s.finished[t] = true
		t.finished.Done()
	}
}

func (s *student) releaseAll() {
	for _, c := range s.r.courses {
		if s.takes[c] {
			s.release(c)
		}
	}
}

func (s *student) course(ctx context.Context, c *course) error {
	for _, p := range c.prereqs {
		if !s.completed[p] {
			return nil // not allowed in yet: she does not ask
		}
	}
	when := s.r.at(s.enrollAt[c])
	if when.After(s.r.horizon()) || sleepUntil(ctx, when) != nil {
		return nil
	}
	k := ledger.Key{Student: s.p.id, Course: c.id}
	sent := time.Now()
	res, err := s.p.c.Do(ctx, client.Request{Op: "enroll", Method: http.MethodPost, Path: c.path + "/enrollment", Auth: s.p, Lose: s.lose(), Rand: s.rnd})
	if err != nil {
		return err
	}
	if slug, _ := res.Problem(); !res.OK() && slug != "already-enrolled" {
		return fmt.Errorf("enroll: %s", res)
	}
	s.r.led.Enrolled(ledger.Enroll{Student: s.p.id, Course: c.id, Sent: sent, Acked: time.Now()})
	e, err := s.awaitEnrollment(ctx, c, func(st string) bool { return st != "requested" }, time.Time{})
	if err != nil {
		return err
	}
	s.decided[c] = true
	c.decided.Done()
	if e.Status == "waitlisted" {
		s.state.set(stWaitlisted)
		if e, err = s.awaitEnrollment(ctx, c, func(st string) bool { return st != "waitlisted" }, s.r.horizon()); err != nil || e.Status != "active" {
			return nil // still in line when the term ends
		}
	}
	if e.Status != "active" {
		return fmt.Errorf("the seat request ended %s (%s)", e.Status, e.Reason)
	}
	s.state.set(stEnrolled)
	if s.drops[c] {
		return s.drop(ctx, c, k)
	}
	for _, l := range c.lessons {
		think := s.r.scale(c.sc.LessonThink.D() / 2 * time.Duration(1+s.rnd.IntN(3)) / 2)
		if sleepUntil(ctx, time.Now().Add(think)) != nil {
			return nil
		}
		if _, err := s.p.call(ctx, "complete lesson", http.MethodPost, c.path+"/lessons/"+l+"/complete", nil, nil); err != nil {
			return err
		}
		s.r.led.LessonCompleted(k, l)
	}
	passedAll := true
	for _, t := range c.tests {
		passed, err := s.take(ctx, t)
		s.finish(t)
		if err != nil {
			return fmt.Errorf("test %s: %w", t.sc.Key, err)
		}
		if t.sc.Required && !passed {
			passedAll = false
		}
	}
	if !passedAll {
		return nil
	}
	s.r.led.ExpectCompletion(k)
	if _, err := s.awaitEnrollment(ctx, c, func(st string) bool { return st == "completed" }, time.Time{}); err != nil {
		return err
	}
	s.completed[c] = true
	s.state.set(stCompleted)
	_, err = s.p.call(ctx, "certificate", http.MethodGet, c.path+"/certificate", nil, nil)
	return err
}

func (s *student) drop(ctx context.Context, c *course, k ledger.Key) error {
	if sleepUntil(ctx, time.Now().Add(s.r.scale(time.Duration(2+s.rnd.IntN(10))*time.Second))) != nil {
		return nil
	}
	res, err := s.p.call(ctx, "drop", http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "changed my plans"}, nil)
	if err != nil && res.Status != http.StatusConflict {
		return err
	}
	if err == nil {
		s.r.led.Dropped(k, time.Now())
	}
	s.state.set(stRegistered)
	return nil
}

// myCourse is the student's enrollment as she reads it.
type myCourse struct {
	Status           string   `json:"status"`
	Reason           string   `json:"reason"`
	WaitlistPosition int      `json:"waitlist_position"`
	FinalGrade       *float64 `json:"final_grade"`
	CertificateID    string   `json:"certificate_id"`
	Progress         struct {
		LessonsCompleted int `json:"lessons_completed"`
	} `json:"progress"`
}

// awaitEnrollment polls the student's enrollment until done holds, the
// context ends, or until (when set) passes.
func (s *student) awaitEnrollment(ctx context.Context, c *course, done func(string) bool, until time.Time) (myCourse, error) {
	var e myCourse
	pause := s.r.poll()
	for {
		res, err := s.p.c.Do(ctx, client.Request{Op: "read enrollment", Method: http.MethodGet, Path: c.path + "/enrollment", Auth: s.p})
		if err != nil {
			return e, err
		}
		if res.OK() {
			if err := res.JSON(&e); err != nil {
				return e, err
			}
			if done(e.Status) {
				return e, nil
			}
		} else if res.Status != http.StatusNotFound {
			return e, fmt.Errorf("read enrollment: %s", res)
		}
		if !until.IsZero() && time.Now().After(until) {
			return e, nil
		}
		// She looks again, less often the longer it takes: a page that
		// refreshes, not a loop.
		if err := sleepUntil(ctx, time.Now().Add(pause)); err != nil {
			return e, err
		}
		pause = min(2*pause, max(2*s.r.poll(), s.r.scale(20*time.Second)))
	}
}

// lose is the chance a flaky student's answer is lost on the way back.
func (s *student) lose() float64 {
	if s.behaviour == scenario.Flaky {
		return 0.3
	}
	return 0
}
