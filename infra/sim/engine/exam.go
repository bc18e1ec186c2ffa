package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"lms/infra/sim/client"
	"lms/infra/sim/ledger"
	"lms/infra/sim/scenario"
)

// attempt is an attempt as its student reads it.
type attempt struct {
	ID        string     `json:"id"`
	State     string     `json:"state"`
	Deadline  *time.Time `json:"deadline"`
	Questions []struct {
		ID string `json:"id"`
	} `json:"questions"`
	Result *struct {
		Passed bool `json:"passed"`
	} `json:"result"`
}

// take is one test: wait for the moment the student presses Start, pass the
// waiting room, answer as her behaviour does, submit (or not), and wait for
// the result. It answers whether she passed.
func (s *student) take(ctx context.Context, t *test) (bool, error) {
	c := t.course
	select {
	case <-ctx.Done():
		return false, nil
	case <-c.decidedCh:
	}
	// The course's timeline moved on by as long as its seat decisions held
	// its tests up.
	when := s.r.at(s.startAt[t]).Add(c.delay)
	if s.behaviour == scenario.Crammer {
		when = when.Add(s.r.scale(t.sc.Start.End()-s.startAt[t]) + t.limit*2/5)
	}
	if when.After(s.r.horizon()) || sleepUntil(ctx, when) != nil {
		return false, nil
	}
	a, err := s.start(ctx, t)
	if err != nil {
		return false, err
	}
	s.state.set(stInExam)
	deadline := time.Now().Add(t.limit)
	if a.Deadline != nil {
		deadline = *a.Deadline
	}
	s.r.led.Started(ledger.Start{Attempt: a.ID, Student: s.p.id, Test: t.id, Course: c.id, Deadline: deadline,
		SubmitsItself: s.behaviour != scenario.NeverSubmits})
	s.r.addAttempt(a.ID)
	if s.behaviour == scenario.Snoop {
		s.snoop(ctx, a.ID)
	}
	s.answerAll(ctx, t, a, deadline)
	if s.behaviour == scenario.NeverSubmits {
		// The clock submits for her; she comes back after the deadline.
		if sleepUntil(ctx, deadline.Add(time.Second)) != nil {
			return false, nil
		}
	} else {
		res, err := s.p.c.Do(ctx, client.Request{Op: "submit", Method: http.MethodPost, Path: "/api/v1/attempts/" + a.ID + "/submit", Auth: s.p, Lose: s.lose(), Rand: s.rnd})
		if err != nil {
			return false, err
		}
		if res.OK() {
			s.r.led.Submitted(a.ID, time.Now())
		} else if slug, _ := res.Problem(); slug != "attempt-not-in-progress" {
			return false, fmt.Errorf("submit: %s", res)
		}
	}
	s.state.set(stSubmitted)
	s.finish(t)
	return s.awaitResult(ctx, t, a.ID)
}

// start presses Start as a client that honours the waiting room does.
func (s *student) start(ctx context.Context, t *test) (attempt, error) {
	base := "/api/v1/tests/" + t.id + "/attempts"
	path, op := base, "start"
	notYet := time.Now().Add(2 * time.Minute)
	for {
		res, err := s.p.c.Do(ctx, client.Request{Op: op, Method: http.MethodPost, Path: path, Auth: s.p, Lose: s.lose(), Rand: s.rnd})
		if err != nil {
			return attempt{}, err
		}
		slug, fields := res.Problem()
		switch {
		case res.Status == http.StatusCreated:
			var a attempt
			return a, res.JSON(&a)
		case res.Status == http.StatusAccepted:
			var w struct {
				RetryAfterSeconds int    `json:"retry_after_seconds"`
				Ticket            string `json:"ticket"`
			}
			if err := res.JSON(&w); err != nil || w.Ticket == "" {
				return attempt{}, fmt.Errorf("a waiting-room answer without its ticket: %s", res)
			}
			if err := sleepUntil(ctx, time.Now().Add(time.Duration(w.RetryAfterSeconds)*time.Second)); err != nil {
				return attempt{}, err
			}
			path, op = base+"?ticket="+url.QueryEscape(w.Ticket), "start with ticket"
		case slug == "attempt-in-progress" && fields["attempt_id"] != "":
			// The first answer was lost: the attempt runs already.
			return s.readAttempt(ctx, fields["attempt_id"])
		case slug == "invalid-admission-ticket":
			// The ticket's signer restarted (a local stack's key is its
			// process's own): back in line, as the answer says.
			path, op = base, "start"
		case slug == "no-attempts-left":
			return s.ownAttempt(ctx, t)
		case (res.Status == http.StatusNotFound || slug == "enrollment-not-active") && time.Now().Before(notYet):
			// The assessment service has not heard of the seat yet.
			if err := sleepUntil(ctx, time.Now().Add(s.r.poll())); err != nil {
				return attempt{}, err
			}
			path, op = base, "start"
		default:
			return attempt{}, fmt.Errorf("start: %s", res)
		}
	}
}

func (s *student) readAttempt(ctx context.Context, id string) (attempt, error) {
	var a attempt
	_, err := s.p.call(ctx, "read attempt", http.MethodGet, "/api/v1/attempts/"+id, nil, &a)
	return a, err
}

// ownAttempt finds the student's attempt at the test when its start's
// answer was lost.
func (s *student) ownAttempt(ctx context.Context, t *test) (attempt, error) {
	var list struct {
		Attempts []struct {
			ID string `json:"id"`
		} `json:"attempts"`
	}
	if _, err := s.p.call(ctx, "list attempts", http.MethodGet, "/api/v1/tests/"+t.id+"/attempts", nil, &list); err != nil {
		return attempt{}, err
	}
	if len(list.Attempts) == 0 {
		return attempt{}, fmt.Errorf("no attempts left, yet none is hers")
	}
	return s.readAttempt(ctx, list.Attempts[len(list.Attempts)-1].ID)
}

// snoop tries to read and to write someone else's attempt, as a student who
// guessed its address would.
func (s *student) snoop(ctx context.Context, own string) {
	other := s.r.otherAttempt(s.rnd, own)
	if other == "" {
		return
	}
	res, err := s.p.c.Do(ctx, client.Request{Op: "read others' attempt", Method: http.MethodGet, Path: "/api/v1/attempts/" + other, Auth: s.p})
	if err == nil {
		s.r.led.TriedOthers(ledger.Read{Reader: s.p.id, Attempt: other, What: "read", Status: res.Status})
	}
	res, err = s.p.c.Do(ctx, client.Request{Op: "save to others'", Method: http.MethodPut, Path: "/api/v1/attempts/" + other + "/answers/q1",
		Body: map[string]any{"options": []string{"c"}}, Auth: s.p})
	if err == nil {
		s.r.led.TriedOthers(ledger.Read{Reader: s.p.id, Attempt: other, What: "a save", Status: res.Status})
	}
}

// answerAll answers every question in the time her behaviour takes; the
// autosaver saves her essay every 5 s as she writes it, and with two tabs
// the second tab saves other answers at the same time.
func (s *student) answerAll(ctx context.Context, t *test, a attempt, deadline time.Time) {
	share := map[string]float64{scenario.Crammer: 0.8, scenario.NeverSubmits: 0.6}[s.behaviour]
	if share == 0 {
		share = 0.4
	}
	per := time.Duration(float64(t.limit) * share / float64(max(1, len(a.Questions))))
	var tabs sync.WaitGroup
	if s.behaviour == scenario.TwoTabs {
		tabs.Go(func() {
			for _, q := range a.Questions {
				if !s.save(ctx, a.ID, t.questions[q.ID], false, "second tab", deadline) {
					return
				}
			}
		})
	}
	for _, q := range a.Questions {
		qq := t.questions[q.ID]
		if qq.kind == "essay" && s.behaviour == scenario.Autosaver {
			every := max(time.Second, s.r.scale(5*time.Second))
			for n := 1; time.Now().Add(every).Before(deadline.Add(-every)) && n <= 6; n++ {
				if !s.save(ctx, a.ID, qq, true, strings.Repeat("More thoughts. ", n), deadline) {
					break
				}
				if sleepUntil(ctx, time.Now().Add(every)) != nil {
					break
				}
			}
		} else if sleepUntil(ctx, time.Now().Add(per)) != nil {
			break
		}
		if !s.save(ctx, a.ID, qq, s.rnd.Float64() < s.skill, "My answer, as I understood the lessons.", deadline) {
			break
		}
	}
	tabs.Wait()
}

// save sends one answer and enters it into the ledger when acknowledged;
// it answers false once the attempt takes no more answers.
func (s *student) save(ctx context.Context, attemptID string, q question, right bool, text string, deadline time.Time) bool {
	if time.Now().After(deadline) {
		return false
	}
	body := q.wrong
	if right {
		body = q.right
	}
	if q.kind == "essay" {
		body = map[string]any{"text": text}
	}
	value, _ := json.Marshal(body)
	sent := time.Now()
	res, err := s.p.c.Do(ctx, client.Request{Op: "save", Method: http.MethodPut, Path: "/api/v1/attempts/" + attemptID + "/answers/" + q.id,
		Body: body, Auth: s.p, Lose: s.lose(), Rand: s.rnd})
	if err != nil {
		return false
	}
	if res.OK() {
		s.r.led.Saved(attemptID, q.id, ledger.Save{Value: string(value), Sent: sent, Acked: time.Now()})
		return true
	}
	slug, _ := res.Problem()
	if slug != "attempt-deadline-passed" && slug != "attempt-not-in-progress" {
		s.r.fail(s.name(), fmt.Errorf("save %s of %s: %s", q.id, attemptID, res))
	}
	return false
}

// awaitResult polls the attempt until its result shows; a result of a test
// released by hand, shown before its teacher sent the release, is a
// violation.
func (s *student) awaitResult(ctx context.Context, t *test, id string) (bool, error) {
	pause := 30 * time.Second
	for {
		a, err := s.readAttempt(ctx, id)
		if err != nil {
			if ctx.Err() != nil {
				return false, nil
			}
			return false, err
		}
		if a.Result != nil {
			if t.sc.Results == "manual" && t.releaseSent.Load() == 0 {
				s.r.led.ReadEarly(ledger.EarlyResult{Student: s.p.id, Attempt: id, At: time.Now()})
			}
			s.state.set(stGraded)
			return a.Result.Passed, nil
		}
		// A student looks again now and then, less often as time goes by.
		if err := sleepUntil(ctx, time.Now().Add(max(3*time.Second, s.r.scale(pause)))); err != nil {
			return false, nil
		}
		pause = min(2*pause, 4*time.Minute)
	}
}
