package testkit

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Mail is one message a test SMTP server received.
type Mail struct {
	From, To string
	Subject  string
	Body     string // decoded text body
}

// Inbox is a real SMTP server on loopback that keeps what it receives.
type Inbox struct {
	URL string // smtp://127.0.0.1:port, for SMTP_URL
	mu  sync.Mutex
	got []Mail
}

// Messages returns what has arrived so far.
func (in *Inbox) Messages() []Mail {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]Mail(nil), in.got...)
}

// NewInbox starts an SMTP server that stops with the test.
func NewInbox(t testing.TB) *Inbox {
	t.Helper()
	in := &Inbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }))
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	in.URL = "smtp://" + ln.Addr().String()
	return in
}

type inboxSession struct {
	in       *Inbox
	from, to string
}

func (s *inboxSession) Reset()        {}
func (s *inboxSession) Logout() error { return nil }
func (s *inboxSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *inboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = to
	return nil
}
func (s *inboxSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := decodeBody(msg)
	if err != nil {
		return err
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	s.in.mu.Lock()
	s.in.got = append(s.in.got, Mail{From: s.from, To: s.to, Subject: subject, Body: body})
	s.in.mu.Unlock()
	return nil
}

// decodeBody undoes the quoted-printable or base64 transfer encoding.
func decodeBody(msg *mail.Message) (string, error) {
	var r io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	return string(b), err
}
