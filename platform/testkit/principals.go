package testkit

import (
	"context"

	"go.uber.org/fx"

	"bazaar/platform/session"
)

// tokens resolves fixed bearer tokens.
type tokens map[string]session.Principal

func (t tokens) ResolveToken(_ context.Context, token string) (session.Principal, error) {
	if p, ok := t[token]; ok {
		return p, nil
	}
	return session.Principal{}, session.ErrInvalidToken
}

// Tokens makes each bearer token act as its principal, so a module's tests
// can call as staff or as a customer without the accounts module. Send it
// with client.Header.Set("Authorization", "Bearer "+token).
func Tokens(principals map[string]session.Principal) fx.Option {
	return fx.Supply(fx.Annotate(tokens(principals), fx.As(new(session.TokenResolver))))
}
