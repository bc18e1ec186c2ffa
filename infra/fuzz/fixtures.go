package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// catchUp bounds the wait for another service to learn of a change through
// Kafka (a course the assessment service must know, a seat the enrollment
// workflow gives), and for a service restarted meanwhile.
const catchUp = 90 * time.Second

// password is the fuzz-made accounts' password, on the local stack only.
const password = "fuzzing the contract, not the password" //nolint:gosec // not a secret

// account is a signed-in user of the LMS.
type account struct {
	id, email, token string
}

// people are the accounts a run needs: the stack's first administrator, a
// teacher the administrator made, a student, and a bystander whose account is
// the only real one the administrator's run may change (roles, disable).
type people struct {
	admin, teacher, student, bystander account
	adminPassword                      string
}

// world is what one token's run can hit besides random ids: a published
// course of the teacher with a published lesson and a published test, the
// student enrolled with an attempt in progress; and spares for the
// operations that end an object (see destructive): a second published course
// the student is enrolled in, and a test not yet published.
type world struct {
	course, lesson, test, attempt string
	spareCourse, spareTest        string
}

func (g gateway) login(ctx context.Context, email, pass string) (account, error) {
	var s map[string]any
	err := retry(ctx, "sign in "+email, catchUp, func() (err error) {
		s, err = g.call(ctx, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": pass}, http.StatusOK)
		return err
	})
	if err != nil {
		return account{}, err
	}
	user, _ := s["user"].(map[string]any)
	id, _ := user["id"].(string)
	token, _ := s["access_token"].(string)
	if id == "" || token == "" {
		return account{}, fmt.Errorf("sign in %s: no user id or access token in %v", email, s)
	}
	return account{id: id, email: email, token: token}, nil
}

// relogin signs a in again: a run gets a fresh token (they last 15 minutes)
// with the roles granted since.
func (g gateway) relogin(ctx context.Context, a account) (account, error) {
	return g.login(ctx, a.email, password)
}

func (g gateway) register(ctx context.Context, run, name string) (account, error) {
	email := fmt.Sprintf("%s-%s@fuzz.lms.local", name, run)
	err := retry(ctx, "register "+email, catchUp, func() error {
		_, err := g.call(ctx, "", http.MethodPost, "/api/v1/auth/register",
			map[string]any{"email": email, "display_name": "Fuzz " + name, "password": password}, http.StatusAccepted)
		return err
	})
	if err != nil {
		return account{}, err
	}
	return g.login(ctx, email, password)
}

// meet signs in the administrator and creates the other accounts through
// the API, as a person would.
func (g gateway) meet(ctx context.Context, run, adminEmail, adminPassword string) (people, error) {
	p := people{adminPassword: adminPassword}
	var err error
	if p.admin, err = g.login(ctx, adminEmail, adminPassword); err != nil {
		return p, fmt.Errorf("the first administrator (IAM_FIRST_ADMIN_EMAIL of infra/stack/env/iam.env): %w", err)
	}
	if p.teacher, err = g.register(ctx, run, "teacher"); err != nil {
		return p, err
	}
	if _, err = g.call(ctx, p.admin.token, http.MethodPut, "/api/v1/users/"+p.teacher.id+"/roles",
		map[string]any{"roles": []string{"student", "teacher"}}, http.StatusOK); err != nil {
		return p, err
	}
	if p.teacher, err = g.relogin(ctx, p.teacher); err != nil {
		return p, err
	}
	if p.student, err = g.register(ctx, run, "student"); err != nil {
		return p, err
	}
	p.bystander, err = g.register(ctx, run, "bystander")
	return p, err
}

// build makes a fresh world for one token's run, so what an earlier run
// changed (an archived course, a submitted attempt) does not leak into it.
func (g gateway) build(ctx context.Context, p people, run, label string) (world, error) {
	var w world
	teacher, student := p.teacher.token, p.student.token
	code := strings.ToUpper(fmt.Sprintf("FZ-%s-%s", run, label))
	var err error
	if w.course, w.lesson, err = g.publishedCourse(ctx, teacher, code); err != nil {
		return w, err
	}
	if w.spareCourse, _, err = g.publishedCourse(ctx, teacher, code+"-S"); err != nil {
		return w, err
	}
	if w.test, err = g.writeTest(ctx, teacher, w.course, true); err != nil {
		return w, err
	}
	if w.spareTest, err = g.writeTest(ctx, teacher, w.course, false); err != nil {
		return w, err
	}
	for _, c := range []string{w.course, w.spareCourse} {
		if err = g.enroll(ctx, student, "/api/v1/courses/"+c); err != nil {
			return w, err
		}
	}
	w.attempt, err = g.startAttempt(ctx, student, w.test)
	return w, err
}

// publishedCourse creates a course of five seats with one published lesson
// and publishes it.
func (g gateway) publishedCourse(ctx context.Context, teacher, code string) (course, lesson string, err error) {
	c, err := g.call(ctx, teacher, http.MethodPost, "/api/v1/courses",
		map[string]any{"code": code, "title": "Fuzzing " + code, "capacity": 5}, http.StatusCreated)
	if err != nil {
		return "", "", err
	}
	path := "/api/v1/courses/" + str(c, "id")
	l, err := g.call(ctx, teacher, http.MethodPost, path+"/lessons", map[string]any{"title": "Lesson", "body": "# Lesson"}, http.StatusCreated)
	if err != nil {
		return "", "", err
	}
	if _, err = g.call(ctx, teacher, http.MethodPost, path+"/lessons/"+str(l, "id")+"/publish", nil, http.StatusOK); err != nil {
		return "", "", err
	}
	_, err = g.call(ctx, teacher, http.MethodPost, path+"/publish", nil, http.StatusOK)
	return str(c, "id"), str(l, "id"), err
}

// writeTest creates a test of the course with a choice, a true/false and an
// essay question (ids pick, fact, essay), published when publish is set.
func (g gateway) writeTest(ctx context.Context, teacher, course string, publish bool) (string, error) {
	body := map[string]any{
		"course_id": course, "title": "Fuzzing", "time_limit_seconds": 3600, "max_attempts": 3,
		"passing_score": 2, "results_visibility": "manual",
		"questions": []map[string]any{
			{"id": "pick", "kind": "single_choice", "prompt": "Pick a", "points": 2, "options": []map[string]any{
				{"id": "a", "text": "A", "correct": true}, {"id": "b", "text": "B"}}},
			{"id": "fact", "kind": "true_false", "prompt": "True?", "points": 1, "correct": true},
			{"id": "essay", "kind": "essay", "prompt": "Why?", "points": 3},
		},
	}
	var t map[string]any
	// The assessment service learns of the course from Kafka.
	err := retry(ctx, "create a test of course "+course, catchUp, func() (err error) {
		t, err = g.call(ctx, teacher, http.MethodPost, "/api/v1/tests", body, http.StatusCreated)
		return err
	})
	if err != nil {
		return "", err
	}
	id := str(t, "id")
	if !publish {
		return id, nil
	}
	_, err = g.call(ctx, teacher, http.MethodPost, "/api/v1/tests/"+id+"/publish", nil, http.StatusOK)
	return id, err
}

func (g gateway) enroll(ctx context.Context, student, coursePath string) error {
	if _, err := g.call(ctx, student, http.MethodPost, coursePath+"/enrollment", nil, http.StatusAccepted); err != nil {
		return err
	}
	return retry(ctx, "enrollment in "+coursePath, catchUp, func() error {
		e, err := g.call(ctx, student, http.MethodGet, coursePath+"/enrollment", nil, http.StatusOK)
		if err != nil {
			return err
		}
		if s := str(e, "status"); s != "active" {
			return errors.New("enrollment is " + s)
		}
		return nil
	})
}

func (g gateway) startAttempt(ctx context.Context, student, test string) (string, error) {
	var a map[string]any
	// The assessment service learns of the active enrollment from Kafka.
	err := retry(ctx, "start an attempt at test "+test, catchUp, func() (err error) {
		a, err = g.call(ctx, student, http.MethodPost, "/api/v1/tests/"+test+"/attempts", nil, http.StatusCreated)
		return err
	})
	return str(a, "id"), err
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}
