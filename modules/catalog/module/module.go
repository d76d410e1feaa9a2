// Package module wires the catalog into the app (only app/ imports it).
package module

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/caarlos0/env/v11"
	"go.uber.org/fx"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/httpapi"
	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/jobs"
	"bazaar/platform/outbox"
	"bazaar/platform/seed"
	"bazaar/platform/web"
)

// Module is the catalog bounded context; only catalog.Service leaves it.
var Module = fx.Module("catalog",
	fx.Provide(fx.Private, store.New, newService, service.NewImporter, cache.New, loadConfig),
	fx.Provide(func(s *service.Service) catalog.Service { return s }),
	web.AsRoutes(httpapi.New),
	web.AsSpec("catalog", httpapi.Spec),
	web.AsRoutes(httpapi.NewAdmin),
	web.AsSpec("catalog-admin", httpapi.AdminSpec),
	jobs.AsHandler(expireHandler),
	jobs.AsSchedule(func() jobs.Schedule { return jobs.Schedule{Spec: "@every 1m", Type: expireTask} }),
	seed.AsSeeder(demoSeeder),
	outbox.AsSubscriber(importJob),
	fx.Invoke(watchCache),
)

// watchCache follows other replicas' cache invalidations while the app runs.
func watchCache(lc fx.Lifecycle, c *cache.Cache) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			go func() { defer close(done); c.Watch(ctx) }()
			return nil
		},
		OnStop: func(context.Context) error { cancel(); <-done; return nil },
	})
}

// importJob runs CSV imports queued through the outbox.
func importJob(imp *service.Importer) outbox.Subscriber {
	return outbox.Subscriber{Topic: service.TopicImportRequested, Name: "import", Handle: func(ctx context.Context, m outbox.Message) error {
		var ev service.ImportRequested
		if err := json.Unmarshal(m.Payload, &ev); err != nil {
			return err
		}
		return imp.RunImport(ctx, ev.ImportID)
	}}
}

const expireTask = "catalog:expire-holds"

// Config is the catalog's own settings, read from the environment.
type Config struct {
	// HoldTTL is how long a reservation holds stock without a commit.
	HoldTTL time.Duration `env:"CATALOG_HOLD_TTL" envDefault:"15m"`
}

func loadConfig() (Config, error) {
	c, err := env.ParseAs[Config]()
	if err != nil {
		return c, fmt.Errorf("invalid CATALOG_HOLD_TTL: %w", err)
	}
	if c.HoldTTL < time.Minute || c.HoldTTL > 24*time.Hour {
		return c, fmt.Errorf("invalid CATALOG_HOLD_TTL=%s: must be from 1m to 24h", c.HoldTTL)
	}
	return c, nil
}

func newService(s *store.Store, o *outbox.Outbox, c *cache.Cache, cfg Config) *service.Service {
	svc := service.New(s, o, c)
	svc.HoldTTL = cfg.HoldTTL
	return svc
}

// expireHandler frees stock held past its TTL (a checkout that never paid).
func expireHandler(svc *service.Service, log *slog.Logger) jobs.Handler {
	return jobs.Handler{Type: expireTask, Handle: func(ctx context.Context, _ []byte) error {
		n, err := svc.ExpireHolds(ctx)
		if n > 0 {
			log.Info("expired stock holds released", "reservations", n)
		}
		return err
	}}
}

// DemoProducts is how many products `bazaar all` seeds into an empty catalog.
const DemoProducts = 500

func demoSeeder(s *store.Store, opts seed.Options, log *slog.Logger) seed.Seeder {
	return seed.Seeder{Name: "catalog", Seed: func(ctx context.Context) error {
		n, err := s.CountProducts(ctx)
		if err != nil || n > 0 && opts.Products == 0 {
			return err
		}
		want := opts.Products
		if want == 0 {
			want = DemoProducts
		}
		start := time.Now()
		if err := demo.Generate(ctx, s, want, opts.Progress); err != nil {
			return err
		}
		log.Info("demo catalog generated", "products", want, "duration", time.Since(start).String())
		return nil
	}}
}
