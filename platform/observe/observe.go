// Package observe gives the process its structured logger, its Prometheus
// registry and the /healthz, /readyz and /metrics endpoints.
package observe

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/fx"
	"go.uber.org/zap/zapcore"

	"bazaar/platform/config"
	"bazaar/platform/web"
)

// Module provides the logger, the metrics registry and the health routes.
var Module = fx.Module("observe",
	fx.Provide(
		newBufferedLogger,
		NewRegistry,
		func(r *prometheus.Registry) prometheus.Registerer { return r },
		func(r *prometheus.Registry) prometheus.Gatherer { return r },
	),
	web.AsRoutes(NewRoutes),
	web.AsSpec("observe", spec),
)

// NewLogger writes JSON (or text) to stderr at LOG_LEVEL, a system call per
// record: for the one-shot commands.
func NewLogger(cfg config.Config) *slog.Logger { return slog.New(newHandler(cfg, os.Stderr)) }

func newHandler(cfg config.Config, w io.Writer) slog.Handler {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.NewTextHandler(w, opts)
	}
	return slog.NewJSONHandler(w, opts)
}

// FlushEvery is how long an info or debug record may wait in the serving
// and working processes' log buffer.
const FlushEvery = 200 * time.Millisecond

// newBufferedLogger is the logger of the app's long-running roles. Records
// go to stderr through a buffer flushed every FlushEvery, when full and at
// shutdown: at LOG_LEVEL=info every request logs a line, and a write per
// line took 11–20 % of the cart's adds per second (modules/cart/README.md).
// Warnings and errors are written through at once, so what explains a
// failure never waits in the buffer of a process that may be about to die;
// a crash loses at most FlushEvery of info lines.
func newBufferedLogger(lc fx.Lifecycle, cfg config.Config) *slog.Logger {
	// Flushing writes the buffer out; fsync has nothing to add for stderr, and
	// on a pipe or a terminal it fails (EINVAL), which would fail shutdown.
	return bufferedLogger(lc, cfg, zapcore.AddSync(struct{ io.Writer }{os.Stderr}), FlushEvery)
}

func bufferedLogger(lc fx.Lifecycle, cfg config.Config, w zapcore.WriteSyncer, every time.Duration) *slog.Logger {
	out := &zapcore.BufferedWriteSyncer{WS: w, Size: 256 << 10, FlushInterval: every}
	lc.Append(fx.StopHook(out.Stop))
	return slog.New(flushing{newHandler(cfg, out), out})
}

// flushing flushes out after each record at warning level or above.
type flushing struct {
	slog.Handler
	out zapcore.WriteSyncer
}

func (h flushing) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		err = errors.Join(err, h.out.Sync())
	}
	return err
}

func (h flushing) WithAttrs(attrs []slog.Attr) slog.Handler {
	return flushing{h.Handler.WithAttrs(attrs), h.out}
}

func (h flushing) WithGroup(name string) slog.Handler {
	return flushing{h.Handler.WithGroup(name), h.out}
}

// NewRegistry is a fresh registry with the Go runtime and process collectors,
// so tests can boot many apps in one process without duplicate registrations.
func NewRegistry() *prometheus.Registry {
	r := prometheus.NewRegistry()
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return r
}

// Check is one dependency that must answer for the process to be ready.
type Check struct {
	Name  string
	Probe func(ctx context.Context) error
}

// AsCheck contributes a readiness check.
func AsCheck(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"checks"`)))
}

// RoutesParams are NewRoutes' dependencies.
type RoutesParams struct {
	fx.In
	Gatherer prometheus.Gatherer
	Checks   []Check `group:"checks"`
}

// NewRoutes serves /healthz (alive), /readyz (every check passes within 2 s,
// else 503 naming the failures) and /metrics.
func NewRoutes(p RoutesParams) web.Routes {
	metrics := adaptor.HTTPHandler(promhttp.HandlerFor(p.Gatherer, promhttp.HandlerOpts{}))
	return web.RoutesFunc(func(r fiber.Router) {
		r.Get("/healthz", func(c *fiber.Ctx) error {
			return c.JSON(fiber.Map{"status": "ok"})
		})
		r.Get("/readyz", func(c *fiber.Ctx) error {
			ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
			defer cancel()
			failed := map[string]string{}
			for _, chk := range p.Checks {
				if err := chk.Probe(ctx); err != nil {
					failed[chk.Name] = err.Error()
				}
			}
			if len(failed) > 0 {
				p := web.NewProblem(fiber.StatusServiceUnavailable, "not ready")
				p.Errors = failed
				return p
			}
			return c.JSON(fiber.Map{"status": "ready"})
		})
		r.Get("/metrics", metrics)
	})
}

var spec = []byte(`
paths:
  /healthz:
    get:
      summary: Liveness
      operationId: getHealth
      tags: [platform]
      responses:
        "200":
          description: The process is alive
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {type: string, enum: [ok]}
  /readyz:
    get:
      summary: Readiness
      description: Ready when the database and Redis answer within 2 seconds.
      operationId: getReady
      tags: [platform]
      responses:
        "200":
          description: Ready
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {type: string, enum: [ready]}
        "503":
          description: A dependency does not answer; errors names each one
          content:
            application/problem+json:
              schema: {$ref: "#/components/schemas/Problem"}
  /metrics:
    get:
      summary: Prometheus metrics
      operationId: getMetrics
      tags: [platform]
      responses:
        "200":
          description: Metrics in the Prometheus text format
          content:
            text/plain:
              schema: {type: string}
`)
