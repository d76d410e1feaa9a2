package main

import (
	"io/fs"

	"go.uber.org/fx"

	accounts "bazaar/modules/accounts/module"
	cart "bazaar/modules/cart/module"
	catalog "bazaar/modules/catalog/module"
	"bazaar/platform"
	"bazaar/platform/config"
	"bazaar/platform/seed"
	"bazaar/platform/web"
	"bazaar/webapp"
)

// modules lists each bounded context's fx.Module; a new module is one line
// here and a folder under modules/.
var modules = []fx.Option{
	accounts.Module,
	catalog.Module,
	cart.Module,
}

// options composes the whole app; role adds what this process does
// (migrate, seed, serve, work) on top of the shared graph.
func options(cfg config.Config, role ...fx.Option) []fx.Option {
	opts := []fx.Option{platform.Module(cfg), fx.Supply(fx.Annotate(spa(), fx.As(new(web.Assets))))}
	opts = append(opts, modules...)
	return append(opts, role...)
}

// Roles of the long-running commands.
var (
	roleAll    = []fx.Option{platform.Migrate(), seed.OnStart(), platform.Serve(), platform.Work(), platform.Profile()}
	roleServe  = []fx.Option{platform.Serve(), platform.Profile()}
	roleWorker = []fx.Option{platform.Work(), platform.Profile()}
)

// spa is the embedded web build, rooted at dist/.
func spa() fs.FS {
	sub, err := fs.Sub(webapp.Dist, "dist")
	if err != nil {
		panic(err) // only if the embed pattern changes
	}
	return sub
}
