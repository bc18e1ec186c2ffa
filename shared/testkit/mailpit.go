package testkit

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Mailpit reads the mail the stack's Mailpit accepted, through its HTTP API.
// Tests send to addresses of their own (UniqueName) and look for those only,
// so they never depend on or delete each other's mail.
type Mailpit struct {
	// SMTPHost and SMTPPort are where mail is sent to it.
	SMTPHost string
	SMTPPort int
	// URL is its web UI and API.
	URL    string
	client *http.Client
}

// Mail is one message Mailpit holds.
type Mail struct {
	ID string `json:"ID"`
	// MessageID is the Message-ID header without its angle brackets.
	MessageID string    `json:"MessageID"`
	From      Address   `json:"From"`
	To        []Address `json:"To"`
	Subject   string    `json:"Subject"`
	Created   time.Time `json:"Created"`
}

// Address is a mail address with its display name.
type Address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

// NewMailpit returns the stack's Mailpit; it fails the test with what to
// start when Mailpit does not answer.
func NewMailpit(t testing.TB) *Mailpit {
	t.Helper()
	a := Addresses()
	host, port, err := splitHostPort(a.MailpitSMTP)
	require.NoError(t, err)
	m := &Mailpit{SMTPHost: host, SMTPPort: port, URL: a.MailpitURL, client: &http.Client{Timeout: 10 * time.Second}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.URL+"/readyz", http.NoBody)
	require.NoError(t, err)
	res, err := m.client.Do(req)
	if err == nil {
		_ = res.Body.Close()
		if res.StatusCode != http.StatusOK {
			err = fmt.Errorf("readyz answered %s", res.Status)
		}
	}
	if err != nil {
		t.Fatalf("mailpit at %s does not answer (%v): start it with `bash infra/stack/stack.sh up mailpit` (or `./task up`)", m.URL, err)
	}
	return m
}

// MailsTo returns every mail Mailpit holds for address, newest first.
func (m *Mailpit) MailsTo(t testing.TB, address string) []Mail {
	t.Helper()
	var out struct {
		Messages []Mail `json:"messages"`
	}
	m.get(t, "/api/v1/search?limit=1000&query="+url.QueryEscape(`to:"`+address+`"`), &out)
	return out.Messages
}

// Text returns the plain-text body of the mail with Mailpit's id.
func (m *Mailpit) Text(t testing.TB, id string) string {
	t.Helper()
	var out struct {
		Text string `json:"Text"`
	}
	m.get(t, "/api/v1/message/"+url.PathEscape(id), &out)
	return out.Text
}

func (m *Mailpit) get(t testing.TB, path string, v any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, m.URL+path, http.NoBody)
	require.NoError(t, err)
	res, err := m.client.Do(req)
	require.NoError(t, err, "mailpit at %s", m.URL)
	defer func() { _ = res.Body.Close() }()
	require.Equal(t, http.StatusOK, res.StatusCode, "mailpit GET %s", path)
	require.NoError(t, json.NewDecoder(res.Body).Decode(v))
}

func splitHostPort(addr string) (string, int, error) {
	u, err := url.Parse("smtp://" + addr)
	if err != nil {
		return "", 0, fmt.Errorf("mailpit SMTP address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		return "", 0, fmt.Errorf("mailpit SMTP address %q: %w", addr, err)
	}
	return u.Hostname(), port, nil
}
