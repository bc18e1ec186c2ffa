package smtp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"time"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
)

// Mailer sends each mail over its own SMTP connection to the configured
// relay. A relay's permanent refusal (a 5xx reply) is
// notification.ErrMailRefused; anything else may pass on a later try.
type Mailer struct {
	cfg  Config
	from string
	now  func() time.Time
}

var _ command.Mailer = (*Mailer)(nil)

// NewMailer returns the mailer of cfg, which Validate accepted.
func NewMailer(cfg Config) (*Mailer, error) {
	if err := cfg.Validate("SMTP_"); err != nil {
		return nil, err
	}
	return &Mailer{cfg: cfg, from: cfg.From, now: func() time.Time { return time.Now().UTC() }}, nil
}

// Send hands m to the relay; it returns once the relay accepted it.
func (s *Mailer) Send(ctx context.Context, m notification.Mail) error {
	msg, envelopeFrom, err := compose(s.from, m, s.now())
	if err != nil {
		return fmt.Errorf("compose mail %s: %w", m.MessageID, errors.Join(notification.ErrMailRefused, err))
	}
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = c.Close() }()
	if err := s.deliver(c, envelopeFrom, m.To, msg); err != nil {
		return classify(err)
	}
	return nil
}

// dial connects and greets the relay, upgrading to TLS and logging in as
// configured; the connection's deadline is ctx's.
func (s *Mailer) dial(ctx context.Context) (*smtp.Client, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	tlsConfig := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	var (
		conn net.Conn
		err  error
	)
	if s.cfg.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to the SMTP relay %s: %w", addr, err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("greet the SMTP relay %s: %w", addr, err)
	}
	if err := s.greet(c, tlsConfig); err != nil {
		_ = c.Close()
		return nil, classify(fmt.Errorf("SMTP relay %s: %w", addr, err))
	}
	return c, nil
}

func (s *Mailer) greet(c *smtp.Client, tlsConfig *tls.Config) error {
	if err := c.Hello(s.cfg.HeloName); err != nil {
		return err
	}
	if s.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the relay offers no STARTTLS, which SMTP_TLS=starttls requires")
		}
		if err := c.StartTLS(tlsConfig); err != nil {
			return err
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Mailer) deliver(c *smtp.Client, from, to string, msg []byte) error {
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		_ = w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// classify marks a relay's permanent refusal (5xx) final.
func classify(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return fmt.Errorf("the SMTP relay refused the mail: %w", errors.Join(notification.ErrMailRefused, err))
	}
	return fmt.Errorf("send mail: %w", err)
}
