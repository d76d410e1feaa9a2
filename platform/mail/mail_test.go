package mail_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bazaar/platform/config"
	"bazaar/platform/mail"
	"bazaar/platform/testkit"
)

var msg = mail.Message{To: "ada@example.com", Subject: "Reset your password – Bazaar", Text: "Hello Ada,\nopen http://localhost:8080/reset-password?token=abc=def\n"}

func TestSMTPDeliversToARealServer(t *testing.T) {
	inbox := testkit.NewInbox(t)
	s, err := mail.New(config.Config{SMTPURL: inbox.URL, MailFrom: "Shop <shop@example.com>"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := inbox.Messages()
	if len(got) != 1 || got[0].To != msg.To || got[0].From != "shop@example.com" || got[0].Subject != msg.Subject ||
		!strings.Contains(got[0].Body, "reset-password?token=abc=def") {
		t.Fatalf("received %+v", got)
	}
}

func TestSMTPFailureIsAnError(t *testing.T) {
	s, _ := mail.New(config.Config{SMTPURL: "smtp://127.0.0.1:1", MailFrom: "shop@example.com"})
	if err := s.Send(context.Background(), msg); err == nil {
		t.Fatal("sending to a closed port must fail, so the job retries")
	}
}

func TestEmbeddedWritesEmlFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := mail.New(config.Config{DataDir: dir, MailFrom: "shop@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.Send(context.Background(), msg); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "mail", "*.eml"))
	if len(files) != 2 {
		t.Fatalf("want 2 .eml files, got %v", files)
	}
	raw, _ := os.ReadFile(files[0])
	if !strings.Contains(string(raw), "To: <ada@example.com>") || !strings.Contains(string(raw), "Subject:") {
		t.Fatalf("eml:\n%s", raw)
	}
}
