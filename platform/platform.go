// Package platform composes the shared infrastructure into one fx option,
// and the roles a process can play: serve HTTP, work jobs, migrate.
package platform

import (
	"context"
	"log/slog"

	"go.uber.org/fx"
	"go.uber.org/fx/fxevent"
	"gorm.io/gorm"

	"bazaar/migrations"
	"bazaar/platform/config"
	"bazaar/platform/database"
	"bazaar/platform/jobs"
	"bazaar/platform/mail"
	"bazaar/platform/migrate"
	"bazaar/platform/observe"
	"bazaar/platform/outbox"
	"bazaar/platform/redis"
	"bazaar/platform/seed"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

// Module is every platform service, ready for modules to plug into.
func Module(cfg config.Config) fx.Option {
	return fx.Options(
		fx.Supply(cfg),
		fx.WithLogger(func(log *slog.Logger) fxevent.Logger {
			l := &fxevent.SlogLogger{Logger: log.With("component", "fx")}
			// fx's own events, failures included, are debug noise: a failed
			// start is reported once, by the caller.
			l.UseLogLevel(slog.LevelDebug)
			l.UseErrorLevel(slog.LevelDebug)
			return l
		}),
		observe.Module,
		database.Module,
		redis.Module,
		web.Module,
		session.Module,
		jobs.Module,
		outbox.Module,
		mail.Module,
		seed.Module,
	)
}

// Migrate applies every migration stream when the app starts, before any
// other start hook registered after it (HTTP, worker).
func Migrate() fx.Option {
	return fx.Invoke(func(lc fx.Lifecycle, db *gorm.DB, log *slog.Logger) {
		lc.Append(fx.StartHook(func(ctx context.Context) error {
			return migrate.Up(ctx, db, migrations.FS, log)
		}))
	})
}

// Serve listens for HTTP.
func Serve() fx.Option { return fx.Invoke(web.Serve) }

// Profile serves Go's profiles on PPROF_ADDR, if set, in the long-running
// roles.
func Profile() fx.Option { return fx.Invoke(observe.Profile) }

// Work runs the job worker, the scheduler and the outbox relay.
func Work() fx.Option { return fx.Invoke(jobs.RunWorker, outbox.RunRelay) }
