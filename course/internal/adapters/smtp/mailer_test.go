package smtp_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/smtp"
	"lms/course/internal/domain/notification"
	"lms/shared/testkit"
)

func mailpitConfig(mp *testkit.Mailpit) smtp.Config {
	return smtp.Config{Host: mp.SMTPHost, Port: mp.SMTPPort, From: "Ünïversity LMS <no-reply@lms.test>", TLS: smtp.TLSNone, HeloName: "localhost"}
}

func mailTo(t *testing.T) notification.Mail {
	t.Helper()
	to := strings.ReplaceAll(testkit.UniqueName("smtp"), "_", ".") + "@example.test"
	k := notification.Key{EventID: testkit.UniqueName("ev"), Recipient: "u-1", Channel: notification.ChannelEmail}
	return notification.Mail{
		EventID: k.EventID, Recipient: k.Recipient, Kind: notification.KindResultsReleased, To: to,
		Message:   notification.Message{Subject: `Your results in "Grüße & Co" are released`, Body: "Score: 7 of 10 (passed).\nWell done — ünïcode survives."},
		MessageID: notification.MessageID(k, "lms.test"),
	}
}

// TestMailer_DeliversToTheRelayWithItsHeadersAndUnicode sends through the
// stack's Mailpit, with a login as a relay would ask for: subject, body and
// sender survive in UTF-8 and the Message-ID is the delivery key's.
func TestMailer_DeliversToTheRelayWithItsHeadersAndUnicode(t *testing.T) {
	t.Parallel()
	mp := testkit.NewMailpit(t)
	cfg := mailpitConfig(mp)
	cfg.Username, cfg.Password = "lms", "relay-password"
	m, err := smtp.NewMailer(cfg)
	require.NoError(t, err)
	mail := mailTo(t)
	require.NoError(t, m.Send(t.Context(), mail))

	var got []testkit.Mail
	require.Eventually(t, func() bool { got = mp.MailsTo(t, mail.To); return len(got) == 1 }, 10*time.Second, 50*time.Millisecond)
	require.Equal(t, mail.Subject, got[0].Subject)
	require.Equal(t, "Ünïversity LMS", got[0].From.Name)
	require.Equal(t, strings.Trim(mail.MessageID, "<>"), got[0].MessageID)
	require.Contains(t, mp.Text(t, got[0].ID), "Well done — ünïcode survives.")
}

// TestMailer_RefusesARelayWithoutTheTLSItIsToldToUse sends with
// SMTP_TLS=starttls to a relay that offers no STARTTLS: nothing is sent in
// the clear, and the error may pass on a later try (a relay configured
// anew), so it is not a final refusal.
func TestMailer_RefusesARelayWithoutTheTLSItIsToldToUse(t *testing.T) {
	t.Parallel()
	mp := testkit.NewMailpit(t)
	cfg := mailpitConfig(mp)
	cfg.TLS = smtp.TLSStartTLS
	m, err := smtp.NewMailer(cfg)
	require.NoError(t, err)
	mail := mailTo(t)
	err = m.Send(t.Context(), mail)
	require.ErrorContains(t, err, "STARTTLS")
	require.NotErrorIs(t, err, notification.ErrMailRefused)
	require.Empty(t, mp.MailsTo(t, mail.To))
}

func TestConfig_NamesTheBadVariable(t *testing.T) {
	t.Parallel()
	good := smtp.Config{Host: "smtp.example.org", Port: 587, From: "LMS <no-reply@lms.example.org>", TLS: smtp.TLSStartTLS}
	require.NoError(t, good.Validate("SMTP_"))
	require.Equal(t, "lms.example.org", good.Domain())
	for variable, change := range map[string]func(*smtp.Config){
		"SMTP_HOST":     func(c *smtp.Config) { c.Host = " " },
		"SMTP_PORT":     func(c *smtp.Config) { c.Port = 70000 },
		"SMTP_FROM":     func(c *smtp.Config) { c.From = "no address" },
		"SMTP_TLS":      func(c *smtp.Config) { c.TLS = "ssl3" },
		"SMTP_USERNAME": func(c *smtp.Config) { c.Password = "secret" },
	} {
		c := good
		change(&c)
		require.ErrorContains(t, c.Validate("SMTP_"), variable)
	}
}
