// Package mailjobs sends the accounts mail from background jobs, never
// from a request or inside a transaction.
package mailjobs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"bazaar/modules/accounts/internal/service"
	"bazaar/platform/config"
	"bazaar/platform/mail"
	"bazaar/platform/outbox"
)

// ResetMail mails the password reset link. A retry may mail it twice;
// the token stays single-use.
func ResetMail(sender mail.Sender, cfg config.Config) outbox.Subscriber {
	return outbox.Subscriber{Topic: service.TopicResetRequested, Name: "reset-mail", Handle: func(ctx context.Context, m outbox.Message) error {
		var ev service.ResetRequested
		if err := json.Unmarshal(m.Payload, &ev); err != nil {
			return fmt.Errorf("reset mail: %w", err)
		}
		link := strings.TrimRight(cfg.PublicURL, "/") + "/reset-password?token=" + url.QueryEscape(ev.Token)
		return sender.Send(ctx, mail.Message{
			To:      ev.Email,
			Subject: "Reset your Bazaar password",
			Text: fmt.Sprintf("Hello %s,\n\nsomeone (hopefully you) asked to reset the password of your Bazaar account.\n"+
				"Open this link within an hour to choose a new one:\n\n%s\n\n"+
				"If it wasn't you, ignore this mail: your password stays as it is.\n", ev.Name, link),
		})
	}}
}
