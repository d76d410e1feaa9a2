package module

import (
	"context"
	"errors"
	"log/slog"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/service"
	"bazaar/platform/config"
	"bazaar/platform/seed"
)

// Demo accounts for a laptop install, listed in the README. They are made
// only in embedded mode: a shop on PostgreSQL never gets a known password.
var demoUsers = []struct {
	email, password, name string
	roles                 []string
}{
	{"admin@bazaar.test", "bazaar-demo-admin", "Demo Admin", []string{accounts.RoleCustomer, accounts.RoleAdmin}},
	{"shopper@bazaar.test", "bazaar-demo-shopper", "Demo Shopper", []string{accounts.RoleCustomer}},
}

func demoSeeder(svc *service.Service, cfg config.Config, log *slog.Logger) seed.Seeder {
	return seed.Seeder{Name: "accounts", Seed: func(ctx context.Context) error {
		if !cfg.Embedded() {
			return nil
		}
		for _, u := range demoUsers {
			// Look first: hashing a password only to learn the user exists
			// would add a PBKDF2 run to every start.
			if exists, err := svc.EmailTaken(ctx, u.email); err != nil || exists {
				if err != nil {
					return err
				}
				continue
			}
			_, err := svc.CreateUser(ctx, u.email, u.password, u.name, u.roles)
			if errors.Is(err, service.ErrEmailTaken) {
				continue
			}
			if err != nil {
				return err
			}
			log.Info("demo account created", "email", u.email, "password", u.password)
		}
		return nil
	}}
}
