// Package web is Bazaar's HTTP layer: the fiber app with its middleware,
// problem+json errors, route registration through an fx value group, the
// OpenAPI document and the embedded single-page app.
package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"

	"bazaar/platform/config"
)

// Module provides the fiber app. Starting it is a separate choice (Serve),
// so `worker` and `migrate` build the same graph without listening.
var Module = fx.Module("web", fx.Provide(New, NewServer))

// Routes is what a module contributes to the HTTP API.
type Routes interface {
	Register(r fiber.Router)
}

// RoutesFunc adapts a function to Routes.
type RoutesFunc func(r fiber.Router)

// Register implements Routes.
func (f RoutesFunc) Register(r fiber.Router) { f(r) }

// AsRoutes annotates a constructor returning Routes for the "routes" group.
func AsRoutes(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.As(new(Routes)), fx.ResultTags(`group:"routes"`)))
}

// Middleware runs before every route; lower Order runs first. Groups have no
// order of their own, so the number decides.
type Middleware struct {
	Order   int
	Handler fiber.Handler
}

// Order slots for platform middleware contributed from other packages.
const (
	OrderSession = 100
	OrderCSRF    = 200
)

// AsMiddleware annotates a constructor returning Middleware for the "middleware" group.
func AsMiddleware(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"middleware"`)))
}

// Assets is the built single-page app; nil or empty serves a notice instead.
type Assets fs.FS

// Params are New's dependencies.
type Params struct {
	fx.In
	Config     config.Config
	Log        *slog.Logger
	Registerer prometheus.Registerer
	Routes     []Routes     `group:"routes"`
	Middleware []Middleware `group:"middleware"`
	Specs      []Spec       `group:"openapi"`
	Assets     Assets       `optional:"true"`
}

// New builds the fiber app with all middleware and routes.
func New(p Params) (*fiber.App, error) {
	app := fiber.New(fiber.Config{
		AppName:               "bazaar",
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler(p.Log),
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		BodyLimit:             16 << 20,
		// Strings from the context (method, path, params, query, headers,
		// cookies) are copies. Otherwise they share buffers fasthttp reuses
		// for the connection's next request, and any kept past the handler
		// changes under its holder: the metrics' method label did, and
		// /metrics failed with duplicate series after a load run.
		Immutable: true,
		// goccy/go-json encodes what encoding/json does (escaping included)
		// for about half the CPU; request bodies keep encoding/json, whose
		// error types Bind turns into field-level problems.
		JSONEncoder: gojson.Marshal,
	})
	metrics, err := newHTTPMetrics(p.Registerer)
	if err != nil {
		return nil, err
	}
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: logPanic(p.Log)}))
	app.Use(requestid.New(requestid.Config{Header: "X-Request-ID"}))
	proxies, err := p.Config.TrustedProxyNets()
	if err != nil {
		return nil, err
	}
	if len(proxies) > 0 {
		resolve, err := clientIPs(proxies)
		if err != nil {
			return nil, err
		}
		app.Use(resolve)
	}
	app.Use(accessLog(p.Log, metrics))
	app.Use(securityHeaders(helmet.New(helmet.Config{
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
			"object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
		CrossOriginEmbedderPolicy: "unsafe-none",
	})))
	app.Use(compress)
	if len(p.Config.CORSOrigins) > 0 {
		app.Use(cors.New(cors.Config{
			AllowOrigins:     strings.Join(p.Config.CORSOrigins, ","),
			AllowCredentials: true,
			AllowHeaders:     "Content-Type, X-CSRFToken, Authorization, Idempotency-Key",
			ExposeHeaders:    "X-Request-ID, Retry-After, ETag",
		}))
	}
	mw := append([]Middleware(nil), p.Middleware...)
	sort.SliceStable(mw, func(i, j int) bool { return mw[i].Order < mw[j].Order })
	for _, m := range mw {
		app.Use(m.Handler)
	}

	doc, err := mergeSpecs(p.Specs)
	if err != nil {
		return nil, err
	}
	app.Get("/api/openapi.json", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-cache")
		return c.JSON(doc)
	})
	for _, r := range p.Routes {
		r.Register(app)
	}
	// An unknown API path is an API error, never the SPA page.
	app.All("/api/*", func(c *fiber.Ctx) error {
		return NewProblem(fiber.StatusNotFound, "no such endpoint: "+c.Method()+" "+c.Path())
	})
	spa, err := newSPA(p.Assets)
	if err != nil {
		return nil, err
	}
	app.Get("/*", spa.serve)
	return app, nil
}

// Server listens on HTTP_ADDR while the fx app runs.
type Server struct {
	app     *fiber.App
	addr    string
	timeout time.Duration
	log     *slog.Logger
	ln      net.Listener
}

// NewServer wraps app for Serve.
func NewServer(app *fiber.App, cfg config.Config, log *slog.Logger) *Server {
	return &Server{app: app, addr: cfg.HTTPAddr, timeout: cfg.ShutdownTimeout, log: log}
}

// Addr is the bound address, known once the server has started.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve starts listening on start and drains in-flight requests on stop.
func Serve(lc fx.Lifecycle, s *Server) {
	lc.Append(fx.Hook{
		OnStart: func(ctx context.Context) error {
			ln, err := net.Listen("tcp", s.addr)
			if err != nil {
				return fmt.Errorf("HTTP_ADDR %s: %w", s.addr, err)
			}
			s.ln = ln
			s.log.Info("http listening", "addr", ln.Addr().String())
			go func() {
				if err := s.app.Listener(ln); err != nil && !errors.Is(err, net.ErrClosed) {
					s.log.Error("http server stopped", "error", err)
				}
			}()
			return nil
		},
		// Shutdown stops accepting, then waits for in-flight requests, bounded.
		// Running out of time is worth a warning, not a failed stop: the
		// connections still open are cut, and pools must close all the same.
		OnStop: func(ctx context.Context) error {
			if err := s.app.ShutdownWithTimeout(s.timeout); err != nil {
				s.log.Warn("http shutdown timed out; open connections were cut", "timeout", s.timeout, "error", err)
			}
			return nil
		},
	})
}

// securityHeaders sends the pages' headers (documents) through helmet,
// and the API's answers those of OWASP's REST Security Cheat Sheet: no
// sniffing, no framing, nothing loaded or run if one is opened as a page,
// no reading from another origin. The other headers helmet sends (COOP,
// COEP, Origin-Agent-Cluster, X-XSS-Protection, X-DNS-Prefetch-Control, …)
// govern documents; on JSON they did nothing but add ~450 bytes to every
// answer, more than a gzipped cart line.
func securityHeaders(pages fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !strings.HasPrefix(c.Path(), "/api/") {
			return pages(c)
		}
		h := &c.Response().Header
		h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		h.Set(fiber.HeaderXFrameOptions, "DENY")
		h.Set(fiber.HeaderContentSecurityPolicy, "default-src 'none'; frame-ancestors 'none'")
		h.Set(fiber.HeaderCrossOriginResourcePolicy, "same-origin")
		h.Set(fiber.HeaderReferrerPolicy, "no-referrer")
		return c.Next()
	}
}

// RequestID is the ID of the current request, also sent as X-Request-ID.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals("requestid").(string)
	return id
}

func logPanic(log *slog.Logger) func(*fiber.Ctx, any) {
	return func(c *fiber.Ctx, e any) {
		log.Error("panic in handler", "panic", fmt.Sprint(e), "request_id", RequestID(c), "path", c.Path(),
			"stack", string(debug.Stack()))
	}
}

// JSON answers v as JSON, encoded straight into the response's body buffer,
// which fasthttp pools. c.JSON takes the encoder's result instead, a fresh
// copy of every body: for the cart's answers (~4 KB each) the largest
// allocation of an add.
func JSON(c *fiber.Ctx, v any) error {
	c.Response().Header.SetContentType(fiber.MIMEApplicationJSON)
	enc := gojson.NewEncoder(c.Response().BodyWriter())
	// <, > and & stay as they are: the answer is JSON with nosniff, never
	// HTML, and escaping them is most of the string encoder's work.
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
