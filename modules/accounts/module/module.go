// Package module wires the accounts module into the app. It sits beside
// the contract because the internal packages import the contract, and the
// contract cannot import them back.
package module

import (
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/httpapi"
	"bazaar/modules/accounts/internal/mailjobs"
	"bazaar/modules/accounts/internal/service"
	"bazaar/modules/accounts/internal/store"
	"bazaar/platform/outbox"
	"bazaar/platform/ratelimit"
	"bazaar/platform/seed"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

// Module is the accounts bounded context. Only the contract's interfaces
// (Directory, Provisioner) and the session.TokenResolver leave it.
var Module = fx.Module("accounts",
	fx.Provide(fx.Private, store.New, service.New, loginFailures),
	fx.Provide(
		func(s *service.Service) accounts.Directory { return s },
		func(s *service.Service) accounts.Provisioner { return s },
		func(s *service.Service) session.TokenResolver { return s },
	),
	web.AsRoutes(httpapi.New),
	web.AsSpec("accounts", httpapi.Spec),
	outbox.AsSubscriber(mailjobs.ResetMail),
	seed.AsSeeder(demoSeeder),
)

func loginFailures(rdb goredis.UniversalClient) ratelimit.Failures {
	return ratelimit.Failures{Redis: rdb, Prefix: "accounts:login-failures:",
		Limit: service.LoginFailureLimit, Window: service.LoginFailureWindow}
}
