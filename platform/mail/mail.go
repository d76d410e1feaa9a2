// Package mail sends the shop's mail: over SMTP when SMTP_URL is set, and
// otherwise (embedded mode) into $DATA_DIR/mail/ as .eml files a developer
// can open.
package mail

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
	"go.uber.org/fx"

	"bazaar/platform/config"
)

// Module provides the Sender.
var Module = fx.Module("mail", fx.Provide(New))

// Message is one plain-text mail.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Sender delivers messages. Call it from a job, never inside a transaction.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// New picks SMTP or the mail folder from the config.
func New(cfg config.Config) (Sender, error) {
	if cfg.SMTPURL == "" {
		return Dir{Path: filepath.Join(cfg.DataDir, "mail"), From: cfg.MailFrom}, nil
	}
	return NewSMTP(cfg.SMTPURL, cfg.MailFrom)
}

func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
}

// Dir writes each message as an .eml file.
type Dir struct {
	Path string
	From string
}

// Send implements Sender.
func (d Dir) Send(_ context.Context, m Message) error {
	msg, err := build(d.From, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	name := fmt.Sprintf("%s-%d.eml", time.Now().UTC().Format("20060102T150405.000000000"), os.Getpid())
	return msg.WriteToFile(filepath.Join(d.Path, name))
}

// SMTP sends through a mail server: smtp://[user:pass@]host[:port] uses
// STARTTLS when the server offers it, smtps:// implicit TLS.
type SMTP struct {
	opts []gomail.Option
	host string
	from string
}

// NewSMTP parses SMTP_URL.
func NewSMTP(raw, from string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL: %w", err)
	}
	opts := []gomail.Option{gomail.WithTLSPolicy(gomail.TLSOpportunistic), gomail.WithTimeout(15 * time.Second)}
	port := 587
	if u.Scheme == "smtps" {
		opts = append(opts, gomail.WithSSL())
		port = 465
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP_URL port: %w", err)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if user := u.User.Username(); user != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(user), gomail.WithPassword(pass))
	}
	return &SMTP{opts: opts, host: u.Hostname(), from: from}, nil
}

// Send implements Sender.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return nil
}
