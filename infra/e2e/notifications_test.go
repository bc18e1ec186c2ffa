package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// member is a signed-in student with the address her mail goes to.
type member struct {
	account
	email string
}

// registerMember registers a student with an address of her own.
func (a api) registerMember(t testing.TB, name string) member {
	t.Helper()
	email := fmt.Sprintf("%s@e2e.lms.local", testkit.UniqueName(name))
	a.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": name, "password": password}, http.StatusAccepted)
	return member{account: a.login(t, email, password), email: email}
}

// inbox reads one page of the caller's notifications through the gateway.
func (a api) inbox(t testing.TB, who account, query string) (items []map[string]any, unread int, next string) {
	t.Helper()
	page := a.call(t, who.token, http.MethodGet, "/api/v1/notifications"+query, nil, http.StatusOK)
	for _, n := range page["notifications"].([]any) {
		items = append(items, n.(map[string]any))
	}
	return items, int(page["unread_count"].(float64)), page["next_page_token"].(string)
}

// kinds lists the kinds of notifications, in their order.
func kinds(items []map[string]any) []string {
	out := make([]string, 0, len(items))
	for _, n := range items {
		out = append(out, n["kind"].(string))
	}
	return out
}

// mailsAbout returns the subjects of the mails Mailpit holds for address
// whose subject contains about.
func mailsAbout(t testing.TB, mp *testkit.Mailpit, address, about string) []testkit.Mail {
	t.Helper()
	var out []testkit.Mail
	for _, m := range mp.MailsTo(t, address) {
		if strings.Contains(m.Subject, about) {
			out = append(out, m)
		}
	}
	return out
}

// activations keeps the course's "enrollment activated" events as Kafka
// delivered them, to deliver one again.
type activations struct {
	mu     sync.Mutex
	course string
	byUser map[string]events.Event
}

func watchActivations(t *testing.T, courseID string) *activations {
	t.Helper()
	w := &activations{course: courseID, byUser: map[string]events.Event{}}
	k := testkit.NewKafka(t)
	consumer, err := kafka.NewConsumer(kafka.Config{Brokers: k.Brokers, ClientID: "lms-e2e"},
		kafka.ConsumerOptions{Group: k.Group("activations"), Topics: []string{events.TopicCourse}},
		func(_ context.Context, ev events.Event) error {
			if ev.Key != courseID || ev.Type != events.TypeEnrollmentActivated {
				return nil
			}
			w.mu.Lock()
			defer w.mu.Unlock()
			var d events.EnrollmentActivated
			if err := json.Unmarshal(ev.Data, &d); err != nil {
				return err
			}
			w.byUser[d.StudentID] = ev
			return nil
		}, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		require.NoError(t, <-done)
	})
	return w
}

func (w *activations) of(t *testing.T, student string) events.Event {
	t.Helper()
	var ev events.Event
	require.Eventually(t, func() bool {
		w.mu.Lock()
		defer w.mu.Unlock()
		var ok bool
		ev, ok = w.byUser[student]
		return ok
	}, 60*time.Second, 100*time.Millisecond, "no activation of %s reached Kafka", student)
	return ev
}

// TestNotifications_WaitlistPromotionMailsOnceAndInboxesStayPrivate follows
// a seat from one student to the next on the waitlist, through the
// gateway: the promoted student finds the waitlist and the promotion in her
// inbox and exactly one promotion mail in Mailpit, even after the
// activation event is delivered a second time; the first student, who
// turned enrollment mails off, has the activation in her inbox and no mail
// about it; neither can read or mark the other's notifications.
func TestNotifications_WaitlistPromotionMailsOnceAndInboxesStayPrivate(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	mp := testkit.NewMailpit(t)
	teacher := g.teacher(t, g.admin(t), "notify-teacher")
	first, second := g.registerMember(t, "notify-first"), g.registerMember(t, "notify-second")

	prefs := g.call(t, first.token, http.MethodPut, "/api/v1/notifications/preferences", map[string]any{
		"preferences": []map[string]any{{"kind": "enrollment_activated", "in_app": true, "email": false}},
	}, http.StatusOK)
	require.Contains(t, prefs["preferences"], map[string]any{"kind": "enrollment_activated", "in_app": true, "email": false})
	require.Contains(t, prefs["preferences"], map[string]any{"kind": "waitlist_promoted", "in_app": true, "email": true}, "other kinds keep the default")
	g.call(t, first.token, http.MethodPut, "/api/v1/notifications/preferences", map[string]any{
		"preferences": []map[string]any{{"kind": "lunch_menu", "in_app": true, "email": true}},
	}, http.StatusBadRequest)

	c := buildCourse(t, g, teacher, 1, "Only lesson")
	seen := watchActivations(t, c.id)
	c.enroll(t, g, first.account, "active")
	c.enroll(t, g, second.account, "waitlisted")
	g.call(t, first.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "clash"}, http.StatusAccepted)
	c.await(t, g, second.account, "active")

	var items []map[string]any
	require.Eventually(t, func() bool {
		items, _, _ = g.inbox(t, second.account, "")
		return len(items) == 2
	}, 60*time.Second, 100*time.Millisecond, "the promoted student's inbox never showed the waitlist and the promotion")
	require.Equal(t, []string{"waitlist_promoted", "enrollment_waitlisted"}, kinds(items), "newest first")
	promotion := items[0]
	require.Contains(t, promotion["subject"], "Journey "+c.code)

	// The activation comes again, then a later event of the course (the
	// certificate) whose mail shows that the repeat was handled before it.
	producer, err := kafka.NewProducer(kafka.Config{Brokers: testkit.Addresses().KafkaBrokers, ClientID: "lms-e2e"}, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	t.Cleanup(producer.Close)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{seen.of(t, second.id)}))
	g.call(t, second.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	c.await(t, g, second.account, "completed")
	require.Eventually(t, func() bool { return len(mailsAbout(t, mp, second.email, "Your certificate")) == 1 },
		60*time.Second, 200*time.Millisecond, "the certificate mail never reached Mailpit")
	promotions := mailsAbout(t, mp, second.email, "A seat in")
	require.Len(t, promotions, 1, "one promotion mail, though the event came twice")
	require.Equal(t, promotion["subject"], promotions[0].Subject)
	require.Contains(t, mp.Text(t, promotions[0].ID), "next on its waitlist")
	require.Len(t, mailsAbout(t, mp, second.email, "waitlist of"), 1)
	items, unread, _ := g.inbox(t, second.account, "")
	require.Equal(t, []string{"certificate_issued", "waitlist_promoted", "enrollment_waitlisted"}, kinds(items), "one promotion in the inbox too")
	require.Equal(t, 3, unread)

	// The first student's activation reached her inbox, not her mail.
	firstItems, _, _ := g.inbox(t, first.account, "")
	require.Equal(t, []string{"enrollment_activated"}, kinds(firstItems))
	require.Empty(t, mailsAbout(t, mp, first.email, "enrolled"), "enrollment mail is off for her")

	// Nobody reads or marks another's notifications.
	g.call(t, first.token, http.MethodPost, "/api/v1/notifications/"+promotion["id"].(string)+"/read", nil, http.StatusNotFound)
	g.call(t, "", http.MethodGet, "/api/v1/notifications", nil, http.StatusUnauthorized)
	_, unread, _ = g.inbox(t, second.account, "")
	require.Equal(t, 3, unread, "her notification is still unread")

	// Pages, newest first; marking one and then all read.
	page, _, next := g.inbox(t, second.account, "?page_size=2")
	require.Equal(t, []string{"certificate_issued", "waitlist_promoted"}, kinds(page))
	require.NotEmpty(t, next)
	page, _, next = g.inbox(t, second.account, "?page_size=2&page_token="+next)
	require.Equal(t, []string{"enrollment_waitlisted"}, kinds(page))
	require.Empty(t, next)
	g.call(t, second.token, http.MethodPost, "/api/v1/notifications/"+promotion["id"].(string)+"/read", nil, http.StatusNoContent)
	require.Equal(t, 2.0, g.call(t, second.token, http.MethodGet, "/api/v1/notifications/unread-count", nil, http.StatusOK)["unread_count"])
	require.Equal(t, 2.0, g.call(t, second.token, http.MethodPost, "/api/v1/notifications/read-all", nil, http.StatusOK)["marked"])
	require.Equal(t, 0.0, g.call(t, second.token, http.MethodGet, "/api/v1/notifications/unread-count", nil, http.StatusOK)["unread_count"])
}
