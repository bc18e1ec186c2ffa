package engine

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"lms/infra/sim/ledger"
)

// graders is how many attempts one teacher has open at once.
const graders = 4

// teacherJob is a teacher's work on one test: grade its essays as they come
// in, and release its results once the exam is over and all is graded.
type teacherJob struct {
	r *run
	t *test
}

func (r *run) teacherJobs() []teacherJob {
	var jobs []teacherJob
	for _, c := range r.courses {
		for _, t := range c.tests {
			jobs = append(jobs, teacherJob{r: r, t: t})
		}
	}
	return jobs
}

type attemptSummary struct {
	ID            string `json:"id"`
	State         string `json:"state"`
	PendingEssays int    `json:"pending_essays"`
}

func (j teacherJob) work(ctx context.Context) {
	t := j.t
	queue := make(chan string)
	var mu sync.Mutex
	taken := map[string]bool{}
	var wg sync.WaitGroup
	for _, me := range t.course.staff() {
		for range graders {
			wg.Go(func() {
				for id := range queue {
					if !j.grade(ctx, me, id) {
						mu.Lock()
						delete(taken, id) // look again at the next round
						mu.Unlock()
					}
				}
			})
		}
	}
	defer wg.Wait()
	defer close(queue)
	for {
		finished := false
		select {
		case <-t.finishedCh:
			finished = true
		default:
		}
		list, err := j.attempts(ctx)
		if err != nil {
			if ctx.Err() == nil {
				j.r.fail("teacher of "+t.sc.Key, err)
			}
			return
		}
		graded := 0
		for _, a := range list {
			switch a.State {
			case "graded":
				graded++
			case "needs_review":
				mu.Lock()
				fresh := !taken[a.ID]
				taken[a.ID] = true
				mu.Unlock()
				if fresh {
					select {
					case queue <- a.ID:
					case <-ctx.Done():
						return
					}
				}
			}
		}
		if finished && graded == len(list) && graded >= j.started() {
			j.release(ctx)
			return
		}
		if sleepUntil(ctx, time.Now().Add(max(4*j.r.poll(), j.r.scale(15*time.Second)))) != nil {
			return
		}
	}
}

// attemptsPage is how many attempts the teacher reads per page: the most
// the API gives.
const attemptsPage = 500

// attempts reads every attempt at the test, a page at a time, as a
// teacher's grading view does.
func (j teacherJob) attempts(ctx context.Context) ([]attemptSummary, error) {
	var (
		all   []attemptSummary
		token string
	)
	for {
		q := url.Values{"page_size": {strconv.Itoa(attemptsPage)}}
		if token != "" {
			q.Set("page_token", token)
		}
		var page struct {
			Attempts      []attemptSummary `json:"attempts"`
			NextPageToken string           `json:"next_page_token"`
		}
		if _, err := j.t.course.owner.call(ctx, "teacher lists", http.MethodGet,
			"/api/v1/tests/"+j.t.id+"/attempts?"+q.Encode(), nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Attempts...)
		if token = page.NextPageToken; token == "" {
			return all, nil
		}
	}
}

func (j teacherJob) started() int {
	n := 0
	for _, s := range j.r.led.Starts() {
		if s.Test == j.t.id {
			n++
		}
	}
	return n
}

// grade reads the attempt as me (one of the course's staff), thinks, and
// scores its essays; it answers false when the attempt should be looked at
// again.
func (j teacherJob) grade(ctx context.Context, me *person, id string) bool {
	t := j.t
	var view struct {
		State   string `json:"state"`
		Results map[string]struct {
			Essay       bool     `json:"essay"`
			ManualScore *float64 `json:"manual_score"`
		} `json:"results"`
	}
	if _, err := me.call(ctx, "teacher reads", http.MethodGet, "/api/v1/attempts/"+id, nil, &view); err != nil {
		return false
	}
	if view.State != "needs_review" {
		return view.State == "graded"
	}
	if sleepUntil(ctx, time.Now().Add(j.r.scale(t.sc.GradingThink.D()))) != nil {
		return false
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(fmt.Sprint(j.r.cfg.Seed) + id))
	var grades []map[string]any
	scores := map[string]float64{}
	for q, res := range view.Results {
		if res.Essay && res.ManualScore == nil {
			score := float64(2+h.Sum64()%5) / 2 // 1 to 3 points, in halves
			scores[q] = score
			grades = append(grades, map[string]any{"question_id": q, "score": score, "feedback": "Clear enough; cite the lesson next time."})
		}
	}
	if len(grades) == 0 {
		return true
	}
	res, err := me.call(ctx, "grade", http.MethodPut, "/api/v1/attempts/"+id+"/grades", map[string]any{"grades": grades}, nil)
	if err != nil {
		if slug, _ := res.Problem(); ctx.Err() == nil && slug != "regrade-reason-required" && slug != "attempt-not-awaiting-review" {
			j.r.fail("teacher of "+t.sc.Key, err)
		}
		return false
	}
	for q, score := range scores {
		j.r.led.Graded(id, q, score)
	}
	return true
}

// release shows the results of a test released by hand.
func (j teacherJob) release(ctx context.Context) {
	t := j.t
	if t.sc.Results != "manual" {
		return
	}
	sent := time.Now()
	t.releaseSent.Store(sent.UnixNano())
	if _, err := t.course.owner.call(ctx, "release", http.MethodPost, "/api/v1/tests/"+t.id+"/release-results", nil, nil); err != nil {
		if ctx.Err() == nil {
			j.r.fail("teacher of "+t.sc.Key, err)
		}
		return
	}
	j.r.led.Released(t.id, sent)
}

// watchSeats has the course's teacher look at the roster now and then and
// notes the seats in use, so an overbooking seen during the run counts too.
func (r *run) watchSeats(ctx context.Context, c *course) {
	for time.Now().Before(r.horizon()) {
		var roster struct {
			Students []struct {
				Status string `json:"status"`
			} `json:"students"`
		}
		if _, err := c.owner.call(ctx, "roster", http.MethodGet, c.path+"/roster", nil, &roster); err == nil {
			taken := 0
			for _, s := range roster.Students {
				if s.Status == "active" || s.Status == "completed" {
					taken++
				}
			}
			r.led.SampledCapacity(ledger.CapacitySample{Course: c.id, Taken: taken, Capacity: c.seats, At: time.Now()})
		}
		if sleepUntil(ctx, time.Now().Add(max(time.Second, 5*r.poll()))) != nil {
			return
		}
	}
}
