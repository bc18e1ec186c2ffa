package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
	"lms/shared/testkit"
)

// waitingRoomRate is the isolated assessment service's pace: two starts a
// second, one at once, none held inside a request.
const waitingRoomRate = 2

// TestWaitingRoom_StartsAreAdmittedInTurnAndTheClockStartsAtAdmission has
// five enrolled students press Start together on an assessment service that
// admits two starts a second: one starts at once, the others are told their
// place in line, when to come back and a ticket; coming back with it at that
// time starts each one, none is lost, and each attempt's clock runs from its
// own start, not from the first press.
func TestWaitingRoom_StartsAreAdmittedInTurnAndTheClockStartsAtAdmission(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "room-teacher")
	own := newIsolated(t, "ASSESSMENT_START_RATE="+strconv.Itoa(waitingRoomRate), "ASSESSMENT_START_BURST=1", "ASSESSMENT_START_HOLD=0s")
	own.assessment.start(t)
	own.worker.start(t)
	c := buildCourse(t, g, teacher, 10, "Only lesson")
	students := make([]account, 5)
	for i := range students {
		students[i] = g.register(t, "room-student")
		c.enroll(t, g, students[i], flows.EnrollmentActive)
	}
	testID := writeTest(t, own.api, teacher, c, quiz(600))["id"].(string)
	for _, s := range students { // the isolated service has heard of every enrollment
		require.Eventually(t, func() bool {
			return own.api.try(t, s.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK) != nil
		},
			60*time.Second, 100*time.Millisecond)
	}

	type outcome struct {
		firstPress time.Time
		position   int
		attempt    map[string]any
		err        error
	}
	outcomes := make([]outcome, len(students))
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i, s := range students {
		wg.Go(func() {
			<-gate
			o := &outcomes[i]
			o.firstPress = time.Now()
			o.position, o.attempt, o.err = startThroughTheRoom(t, own.api.url+"/api/v1/tests/"+testID+"/attempts", s.token)
		})
	}
	close(gate)
	wg.Wait()

	var positions []int
	for _, o := range outcomes {
		require.NoError(t, o.err)
		require.Equal(t, "in_progress", o.attempt["state"], "every start was admitted in the end")
		started, err := time.Parse(time.RFC3339Nano, o.attempt["started_at"].(string))
		require.NoError(t, err)
		deadline, err := time.Parse(time.RFC3339Nano, o.attempt["deadline"].(string))
		require.NoError(t, err)
		require.Equal(t, 600*time.Second, deadline.Sub(started), "the full time limit from the attempt's own start")
		if o.position > 0 {
			positions = append(positions, o.position)
			turn := o.firstPress.Add(time.Duration(o.position) * time.Second / waitingRoomRate)
			require.False(t, started.Before(turn.Add(-300*time.Millisecond)),
				"the clock of the student in place %d starts at her turn, not while she waits", o.position)
		}
	}
	slices.Sort(positions)
	require.Equal(t, []int{1, 2, 3, 4}, positions, "one started at once; the others stood in line, one place each")

	// A ticket is the student's own, for this test.
	other := students[0]
	bad := testkit.DoJSON(t, http.MethodPost, own.api.url+"/api/v1/tests/"+testID+"/attempts?ticket=1.forged", other.token, nil)
	require.Equal(t, http.StatusBadRequest, bad.Status, string(bad.Body))
	require.Contains(t, string(bad.Body), "invalid-admission-ticket")
}

// TestWaitingRoom_AServiceSlowerThanItsPaceAnswersInsteadOfQueueing: an
// assessment service that serves one start at a time (ASSESSMENT_START_IN_FLIGHT=1)
// and whose database stops answering (its tests collection held) has one
// student's start in flight; a second student pressing Start is not queued
// behind it into a timeout: she is told her place and when to come back,
// with a ticket, at once. Once the database answers, the first start ends
// and the second student's ticket starts her attempt, its clock from then.
func TestWaitingRoom_AServiceSlowerThanItsPaceAnswersInsteadOfQueueing(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "slow-room-teacher")
	own := newIsolated(t, "ASSESSMENT_START_IN_FLIGHT=1", "ASSESSMENT_START_HOLD=0s")
	own.assessment.start(t)
	own.worker.start(t)
	c := buildCourse(t, g, teacher, 10, "Only lesson")
	first, second := g.register(t, "slow-room-first"), g.register(t, "slow-room-second")
	for _, s := range []account{first, second} {
		c.enroll(t, g, s, flows.EnrollmentActive)
	}
	testID := writeTest(t, own.api, teacher, c, quiz(600))["id"].(string)
	for _, s := range []account{first, second} {
		require.Eventually(t, func() bool {
			return own.api.try(t, s.token, http.MethodGet, "/api/v1/tests/"+testID, nil, http.StatusOK) != nil
		}, 60*time.Second, 100*time.Millisecond)
	}
	start := own.api.url + "/api/v1/tests/" + testID + "/attempts"

	hold := testkit.HoldCollection(t, testkit.Mongo(t).Client().Database(own.database).Collection("tests"))
	firstDone := make(chan int, 1)
	go func() { firstDone <- press(start, first.token) }()
	require.Eventually(t, func() bool { return startsInFlight(t, own.api.url) == 1 },
		30*time.Second, 20*time.Millisecond, "the first start is in flight, waiting for the database")

	waiting := testkit.DoJSON(t, http.MethodPost, start, second.token, nil)
	require.Equal(t, http.StatusAccepted, waiting.Status, "the second start is answered at once: %s", waiting.Body)
	var room struct {
		Position          int    `json:"position"`
		RetryAfterSeconds int    `json:"retry_after_seconds"`
		Ticket            string `json:"ticket"`
	}
	require.NoError(t, json.Unmarshal(waiting.Body, &room))
	require.Equal(t, 1, room.Position, "one start is ahead of her")
	require.NotEmpty(t, room.Ticket)
	require.Equal(t, strconv.Itoa(room.RetryAfterSeconds), waiting.Header.Get("Retry-After"))
	select {
	case status := <-firstDone:
		t.Fatalf("the first start ended while its database was held: %d", status)
	default:
	}

	hold.Release()
	require.Equal(t, http.StatusCreated, <-firstDone, "the start in flight ends once the database answers")
	admitted := time.Now()
	res := testkit.DoJSON(t, http.MethodPost, start+"?ticket="+url.QueryEscape(room.Ticket), second.token, nil)
	require.Equal(t, http.StatusCreated, res.Status, "her ticket starts her attempt once a place is free: %s", res.Body)
	var attempt struct {
		StartedAt time.Time `json:"started_at"`
	}
	require.NoError(t, json.Unmarshal(res.Body, &attempt))
	require.False(t, attempt.StartedAt.Before(admitted.Add(-time.Second)), "her clock starts when she is admitted, not when she first pressed")
}

// press sends a start and answers its status (0 when no answer came).
func press(start, token string) int {
	req, err := http.NewRequest(http.MethodPost, start, nil) //nolint:noctx // ends with the service's answer
	if err != nil {
		return 0
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	_ = res.Body.Close()
	return res.StatusCode
}

// startsInFlight reads assessment_starts_in_flight from a service's metrics.
func startsInFlight(t *testing.T, base string) int {
	t.Helper()
	res := testkit.DoJSON(t, http.MethodGet, base+"/metrics", "", nil)
	for line := range strings.Lines(string(res.Body)) {
		if v, ok := strings.CutPrefix(line, "assessment_starts_in_flight "); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			require.NoError(t, err)
			return int(n)
		}
	}
	return -1
}

// startThroughTheRoom presses Start as a client that honours the waiting
// room does: on 202 it waits Retry-After and repeats with its ticket. It
// answers the first place in line it was given (0 when admitted at once)
// and the started attempt.
func startThroughTheRoom(t *testing.T, start, token string) (int, map[string]any, error) {
	first := 0
	path := start
	for range 20 {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, path, nil)
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		body, err := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if err != nil {
			return 0, nil, err
		}
		switch res.StatusCode {
		case http.StatusCreated:
			var a map[string]any
			return first, a, json.Unmarshal(body, &a)
		case http.StatusAccepted:
		default:
			return 0, nil, fmt.Errorf("a start is admitted or waits, nothing else: %d %s", res.StatusCode, body)
		}
		var w struct {
			Position          int    `json:"position"`
			RetryAfterSeconds int    `json:"retry_after_seconds"`
			Ticket            string `json:"ticket"`
		}
		if err := json.Unmarshal(body, &w); err != nil {
			return 0, nil, err
		}
		if w.Position < 1 || w.Ticket == "" || res.Header.Get("Retry-After") != strconv.Itoa(w.RetryAfterSeconds) {
			return 0, nil, fmt.Errorf("a waiting-room answer without its place, ticket or Retry-After: %s (Retry-After %q)", body, res.Header.Get("Retry-After"))
		}
		if first == 0 {
			first = w.Position
		}
		// The protocol under test: come back after Retry-After.
		time.Sleep(time.Duration(w.RetryAfterSeconds) * time.Second)
		path = start + "?ticket=" + url.QueryEscape(w.Ticket)
	}
	return 0, nil, errors.New("never admitted")
}
