package e2e

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// hookReceiver is an integrator's endpoint on loopback: it checks each
// request's Standard Webhooks signature with the secret the LMS showed and
// keeps what it acknowledged.
type hookReceiver struct {
	mu       sync.Mutex
	secret   string
	received []hookDelivery
}

type hookDelivery struct {
	id, signature string
	verified      bool
	event         struct {
		ID, Type, Subject string
		Data              map[string]any
	}
}

func (r *hookReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	d := hookDelivery{id: req.Header.Get("webhook-id"), signature: req.Header.Get("webhook-signature")}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(r.secret, "whsec_"))
	if err == nil {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(d.id + "." + req.Header.Get("webhook-timestamp") + "."))
		mac.Write(body)
		d.verified = hmac.Equal([]byte("v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil))), []byte(d.signature))
	}
	_ = json.Unmarshal(body, &d.event)
	r.received = append(r.received, d)
	w.WriteHeader(http.StatusOK)
}

// of returns what reached the receiver about the student.
func (r *hookReceiver) of(student string) []hookDelivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []hookDelivery
	for _, d := range r.received {
		if d.event.Data["student_id"] == student {
			out = append(out, d)
		}
	}
	return out
}

// TestWebhooks_AnAdministratorsEndpointReceivesSignedEnrollmentEvents
// registers an endpoint through the gateway, enrolls a student and drops
// her: the endpoint gets both events in order, signed with the secret shown
// at registration; the delivery log says so; a redelivery sends the same
// webhook-id again; students and teachers may not touch webhooks.
func TestWebhooks_AnAdministratorsEndpointReceivesSignedEnrollmentEvents(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	teacher := g.teacher(t, admin, "hook-teacher")
	student := g.register(t, "hook-student")
	recv := &hookReceiver{}
	srv := httptest.NewServer(recv)
	t.Cleanup(srv.Close)

	for _, who := range []account{teacher, student} {
		g.call(t, who.token, http.MethodGet, "/api/v1/webhooks", nil, http.StatusForbidden)
		g.call(t, who.token, http.MethodPost, "/api/v1/webhooks", map[string]any{"url": srv.URL, "event_types": []string{"lms.course.enrollment.activated.v1"}}, http.StatusForbidden)
	}
	created := g.call(t, admin.token, http.MethodPost, "/api/v1/webhooks", map[string]any{
		"url": srv.URL + "/lms", "description": "e2e receiver",
		"event_types": []string{"lms.course.enrollment.activated.v1", "lms.course.enrollment.dropped.v1"},
	}, http.StatusCreated)
	id := created["id"].(string)
	t.Cleanup(func() { deleteWebhook(g, admin, id) })
	recv.mu.Lock()
	recv.secret = created["secret"].(string)
	recv.mu.Unlock()

	from := time.Now().UTC().Add(-time.Second)
	c := buildCourse(t, g, teacher, 5, "Only lesson")
	c.enroll(t, g, student, "active")
	g.call(t, student.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "clash"}, http.StatusAccepted)
	require.Eventually(t, func() bool { return len(recv.of(student.id)) == 2 }, 90*time.Second, 200*time.Millisecond,
		"the endpoint never got the activation and the drop")
	got := recv.of(student.id)
	require.Equal(t, "lms.course.enrollment.activated.v1", got[0].event.Type, "in order")
	require.Equal(t, "lms.course.enrollment.dropped.v1", got[1].event.Type)
	for _, d := range got {
		require.True(t, d.verified, "the signature %q verifies with the secret shown at registration", d.signature)
		require.Equal(t, d.event.ID, d.id, "webhook-id is the event id")
	}

	var log []any
	require.Eventually(t, func() bool {
		log, _ = g.call(t, admin.token, http.MethodGet, "/api/v1/webhooks/"+id+"/deliveries", nil, http.StatusOK)["deliveries"].([]any)
		for _, d := range log {
			if d.(map[string]any)["status"] != "delivered" {
				return false
			}
		}
		return len(log) >= 2
	}, 30*time.Second, 200*time.Millisecond, "the log shows the deliveries delivered")
	var activation map[string]any
	for _, d := range log {
		if m := d.(map[string]any); m["event_id"] == got[0].id {
			activation = m
		}
	}
	require.NotNil(t, activation, "the activation is in the log")
	require.Equal(t, 200.0, activation["last_response_code"])
	require.Equal(t, false, activation["replay"])

	g.call(t, admin.token, http.MethodPost, "/api/v1/webhooks/"+id+"/deliveries/"+activation["id"].(string)+"/redeliver", nil, http.StatusAccepted)
	require.Eventually(t, func() bool { return len(recv.of(student.id)) == 3 }, 30*time.Second, 200*time.Millisecond, "the redelivery arrives")
	again := recv.of(student.id)[2]
	require.Equal(t, got[0].id, again.id, "a redelivery carries the same webhook-id")
	require.True(t, again.verified)
	g.call(t, student.token, http.MethodPost, "/api/v1/webhooks/"+id+"/deliveries/"+activation["id"].(string)+"/redeliver", nil, http.StatusForbidden)

	// A replay of the course topic from before the enrollment sends both
	// events again, marked as replayed in the log.
	replay := g.call(t, admin.token, http.MethodPost, "/api/v1/webhooks/"+id+"/replays",
		map[string]any{"topic": "lms.course.v1", "from": from.Format(time.RFC3339Nano)}, http.StatusAccepted)
	require.GreaterOrEqual(t, replay["queued"], 2.0, "at least the student's two events: %v", replay)
	require.Eventually(t, func() bool { return len(recv.of(student.id)) == 5 }, 60*time.Second, 200*time.Millisecond, "the replay arrives")
	replayed := recv.of(student.id)[3:]
	require.Equal(t, []string{got[0].id, got[1].id}, []string{replayed[0].id, replayed[1].id}, "in order, with their webhook-ids")
	log, _ = g.call(t, admin.token, http.MethodGet, "/api/v1/webhooks/"+id+"/deliveries?page_size=200", nil, http.StatusOK)["deliveries"].([]any)
	marked := 0
	for _, d := range log {
		if m := d.(map[string]any); m["replay"] == true && (m["event_id"] == got[0].id || m["event_id"] == got[1].id) {
			marked++
		}
	}
	require.Equal(t, 2, marked, "the log marks the replayed deliveries")
}

// deleteWebhook removes the endpoint when the test ends, whatever its
// outcome, so the stack does not retry a gone receiver for a day.
func deleteWebhook(g api, admin account, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, g.url+"/api/v1/webhooks/"+id, nil)
	if err != nil {
		return
	}
	req.Header.Set("Authorization", "Bearer "+admin.token)
	if res, err := http.DefaultClient.Do(req); err == nil {
		_ = res.Body.Close()
	}
}
